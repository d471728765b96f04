package dev.iotcorelocal.protocol;

import dev.iotcorelocal.codec.PublishEncoder;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.message.Delivery;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.session.Session;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Messages to the client: drains the session queue while the socket is writable and the
 * in-flight window (the client's Receive Maximum, capped by AWS's 100) has room; skips expired
 * messages and ones over the client's Maximum Packet Size; one flush per drain.
 */
final class OutboundFlow {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundFlow.class);

    private final Channel channel;
    private final Session session;
    private final MqttVersion version;
    private final long clientMaxPacketSize;
    private final int window;
    private final Clock clock;

    OutboundFlow(Channel channel, Session session, MqttVersion version, Connect connect, MqttConfig mqtt, Clock clock) {
        this.channel = channel;
        this.session = session;
        this.version = version;
        this.clientMaxPacketSize = connect.maximumPacketSize();
        this.window = Math.min(connect.receiveMaximum(), mqtt.outboundInflightMaximum());
        this.clock = clock;
    }

    /** Re-sends the resumed session's unacknowledged messages, with DUP set and their packet ids. */
    void resumeInflight() {
        Map<Integer, Delivery> inflight = session.inflight();
        if (inflight.isEmpty()) {
            return;
        }
        long now = clock.millis();
        for (Map.Entry<Integer, Delivery> e : inflight.entrySet()) {
            channel.write(toPublish(e.getValue(), e.getKey(), true, now), channel.voidPromise());
        }
        channel.flush();
    }

    void drain() {
        session.drainStarted();
        Map<Integer, Delivery> inflight = session.inflight();
        long now = clock.millis();
        boolean wrote = false;
        while (channel.isWritable()) {
            Delivery next = session.peek();
            if (next == null || (next.qos() > 0 && inflight.size() >= window)) {
                break;
            }
            session.poll();
            Message message = next.message();
            if (message.isExpired(now)) {
                continue;
            }
            int packetId = next.qos() > 0 ? session.nextPacketId() : 0;
            Publish publish = toPublish(next, packetId, false, now);
            if (clientMaxPacketSize > 0 && PublishEncoder.packetSize(publish, version) > clientMaxPacketSize) {
                LOG.debug("Not sending a message on '{}' to '{}': larger than its maximum packet size {}",
                        message.topic(), session.clientId(), clientMaxPacketSize);
                continue;
            }
            if (packetId != 0) {
                inflight.put(packetId, next);
            }
            channel.write(publish, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    void onPuback(int packetId) {
        if (session.inflight().remove(packetId) != null) {
            drain();
        }
    }

    private Publish toPublish(Delivery delivery, int packetId, boolean dup, long now) {
        Message message = delivery.message();
        PublishProperties properties = version.isV5()
                ? message.properties().forDelivery(message.remainingExpirySeconds(now), 0, List.of())
                : PublishProperties.EMPTY;
        return new Publish(message.topic(), delivery.qos(), delivery.retain(), dup, packetId, properties,
                message.payload());
    }
}
