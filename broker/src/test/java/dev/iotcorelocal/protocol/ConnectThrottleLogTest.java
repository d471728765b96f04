package dev.iotcorelocal.protocol;

import dev.iotcorelocal.limits.ConnectRefusalLog;
import dev.iotcorelocal.limits.Limit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecordingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** CONNECTs throttled by AWS's connect rate: each refused with 0x97, logged once, then counted. */
class ConnectThrottleLogTest {
    private final Queue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final ConnectRefusalLog refusals = new ConnectRefusalLog(
            new EventRecordingLogger(new SubstituteLogger("refusals", events, false), events));
    private final EmbeddedBroker broker = new EmbeddedBroker(UnaryOperator.identity(), refusals); // 1/s, burst 5

    @AfterEach
    void closeClients() {
        broker.close();
    }

    @Test
    void twoHundredThrottledConnectsGiveOneInfoLineAndACountOf195() {
        int refused = 0;
        for (int i = 0; i < 200; i++) { // the clock stands still: the burst of 5 is all there is
            EmbeddedBroker.Client client = broker.client();
            client.send(MqttBytes.connect("storm", true, 60, 0, 0));
            SentPacket connack = client.next();
            if (connack.reasonCode() == 0x97) {
                refused++;
            }
            client.close();
        }

        assertThat(refused).isEqualTo(195);
        assertThat(events.stream().filter(e -> e.getLevel() == Level.INFO)).hasSize(1);
        assertThat(refusals.count(Limit.CONNECT_RATE)).isEqualTo(195);
    }
}
