package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionFailedException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsTest {
    private static final URI LOCALSTACK = URI.create("http://127.0.0.1:4566");

    @Test
    void oneClientPerServiceEndpointAndRegionMadeOnFirstUse() {
        AtomicInteger made = new AtomicInteger();
        try (AwsClients clients = new AwsClients(SdkTimeouts.DEFAULT)) {
            FakeClient first = clients.client("sqs", LOCALSTACK, "us-east-1", sdk -> new FakeClient(made));
            FakeClient again = clients.client("sqs", LOCALSTACK, "us-east-1", sdk -> new FakeClient(made));
            FakeClient otherService = clients.client("sns", LOCALSTACK, "us-east-1", sdk -> new FakeClient(made));
            FakeClient otherEndpoint = clients.client("sqs", URI.create("http://127.0.0.1:9324"), "us-east-1",
                    sdk -> new FakeClient(made));

            assertThat(again).isSameAs(first);
            assertThat(List.of(otherService, otherEndpoint)).doesNotContain(first);
            assertThat(made).hasValue(3);
        }
    }

    @Test
    void closeClosesEveryClientAndNoneIsMadeAfterwards() {
        AwsClients clients = new AwsClients(SdkTimeouts.DEFAULT);
        List<FakeClient> made = new ArrayList<>();
        made.add(clients.client("sqs", LOCALSTACK, "us-east-1", sdk -> new FakeClient(new AtomicInteger())));
        made.add(clients.client("s3", LOCALSTACK, "us-east-1", sdk -> new FakeClient(new AtomicInteger())));

        clients.close();

        assertThat(made).allMatch(client -> client.closed);
        assertThatThrownBy(() -> clients.client("sqs", LOCALSTACK, "us-east-1", sdk -> new FakeClient(new AtomicInteger())))
                .isInstanceOf(ActionFailedException.class)
                .hasMessage("the broker is stopping: no sqs client is created any more");
    }

    private static final class FakeClient implements AutoCloseable {
        private boolean closed;

        FakeClient(AtomicInteger made) {
            made.incrementAndGet();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
