package dev.iotcorelocal.protocol;

import dev.iotcorelocal.config.MemoryConfig;
import dev.iotcorelocal.limits.Limit;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the retained-message bound the acknowledgement follows the retained store's own answer, for
 * an MQTT PUBLISH (PUBACK 0x97) and a service publish (iot-data's HTTP 429): a PUBLISH is never
 * acknowledged 0x00 for a retained message that was not stored, and a refused one reaches no subscriber.
 */
class RetainedBoundTest {
    private final EmbeddedBroker broker = new EmbeddedBroker(config -> config.withMemory(new MemoryConfig(1, 0, 0)));

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void aRetainedPublishPastTheBoundIsAcknowledged0x97AndDeliveredToNobody() {
        EmbeddedBroker.Client watcher = broker.subscriber("watcher", "t/#");
        EmbeddedBroker.Client publisher = broker.connected(MqttBytes.connect("pub", true, 60, 0, 0));

        publisher.send(retained(MqttBytes.publish(1, "t/first", 1, "kept")));
        SentPacket stored = publisher.next();
        assertThat(stored.type()).isEqualTo(SentPacket.PUBACK);
        assertThat(stored.ackReasonCode()).isZero();

        publisher.send(retained(MqttBytes.publish(1, "t/second", 2, "refused")));
        SentPacket refused = publisher.next();
        assertThat(refused.type()).isEqualTo(SentPacket.PUBACK);
        assertThat(refused.ackReasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED.code());
        assertThat(broker.context.router().retainedFor("t/second", broker.time.clock().millis())).isNull();

        publisher.send(MqttBytes.publish(0, "t/marker", 0, "after")); // not retained: always routed
        assertThat(watcher.publishes()).containsExactly("t/first=kept", "t/marker=after");

        publisher.send(retained(MqttBytes.publish(1, "t/first", 3, "replaced"))); // replacing keeps the count
        assertThat(publisher.next().ackReasonCode()).isZero();
    }

    @Test
    void aServicePublishPastTheBoundGetsTheRefusalTheStoreGave() {
        ApplicationPublisher publisher = new ApplicationPublisher(broker.context.router(), broker.config.limits(),
                broker.time.clock());
        assertThat(publisher.publish("a", new byte[] {1}, 1, true, PublishProperties.EMPTY, null)).isNull();

        Violation refused = publisher.publish("b", new byte[] {1}, 1, true, PublishProperties.EMPTY, null);
        assertThat(refused).isNotNull();
        assertThat(refused.limit()).isEqualTo(Limit.RETAINED_MESSAGES);
        assertThat(refused.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        assertThat(broker.context.router().retainedFor("b", broker.time.clock().millis())).isNull();
        assertThat(publisher.publish("a", new byte[0], 1, true, PublishProperties.EMPTY, null))
                .as("deleting always works").isNull();
        assertThat(publisher.publish("b", new byte[] {1}, 1, true, PublishProperties.EMPTY, null)).isNull();
    }

    private static byte[] retained(byte[] publish) {
        publish[0] |= 0x01;
        return publish;
    }
}
