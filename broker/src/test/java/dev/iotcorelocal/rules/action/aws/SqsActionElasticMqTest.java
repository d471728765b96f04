package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.rules.action.TestEnvironment;
import dev.iotcorelocal.rules.action.RuleAction;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sqs action into a real SQS server (ElasticMQ on 127.0.0.1), read back with the AWS SDK's SQS client. */
class SqsActionElasticMqTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SQSRestServer elasticMq;
    private static URI endpoint;
    private static SqsAsyncClient reader;
    private static AwsActions actions;

    @BeforeAll
    static void start() {
        elasticMq = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        endpoint = URI.create("http://127.0.0.1:" + elasticMq.waitUntilStarted().localAddress().getPort());
        reader = SqsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        actions = new AwsActions();
    }

    @AfterAll
    static void stop() {
        actions.close();
        reader.close();
        elasticMq.stopAndWait();
    }

    @Test
    void theMessageArrivesInTheQueue() throws Exception {
        String queueUrl = reader.createQueue(create -> create.queueName("rules-out")).join().queueUrl();

        action("{\"queueUrl\": \"" + queueUrl + "\"}")
                .run(TestEnvironment.request("dt/dev1", "{\"temp\":51}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();

        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly("{\"temp\":51}");
    }

    @Test
    void aBinaryPayloadArrivesBase64Encoded() throws Exception {
        String queueUrl = reader.createQueue(create -> create.queueName("rules-binary")).join().queueUrl();
        byte[] payload = {0, (byte) 0xfe, 0x7f};

        action("{\"queueUrl\": \"" + queueUrl + "\", \"useBase64\": true}")
                .run(TestEnvironment.request("t", payload)).toCompletableFuture().join();

        List<Message> messages = receive(queueUrl);
        assertThat(messages).hasSize(1);
        assertThat(Base64.getDecoder().decode(messages.get(0).body())).containsExactly(payload);
    }

    private static List<Message> receive(String queueUrl) {
        return reader.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10))
                .join().messages();
    }

    private static RuleAction action(String spec) throws Exception {
        return actions.factories().stream().filter(f -> f.key().equals("sqs")).findFirst().orElseThrow()
                .create(JSON.readTree(spec), new TestEnvironment(endpoint, "us-east-1"));
    }
}
