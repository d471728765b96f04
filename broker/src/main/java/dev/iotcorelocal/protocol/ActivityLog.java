package dev.iotcorelocal.protocol;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.SubscriptionRequest;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a developer watches, one INFO line per connection event, as Mosquitto logs it: connected,
 * disconnected and why, subscribed and unsubscribed. Per-message events (publishes, deliveries)
 * are DEBUG. A line per connection event is what slf4j-simple can write synchronously from the
 * event loop without slowing it noticeably (docs/logging.md); anything per message would not be.
 */
final class ActivityLog {
    private static final Logger LOG = LoggerFactory.getLogger(ActivityLog.class);

    private ActivityLog() {
    }

    static void connected(Channel channel, String clientId, MqttVersion version, boolean cleanStart, int keepAliveSeconds,
                          long sessionExpirySeconds, boolean sessionPresent, int queued) {
        if (LOG.isInfoEnabled()) {
            LOG.info("Client '{}' connected from {} ({}, clean start {}, keep alive {} s, session expiry {} s): {}",
                    clientId, address(channel), name(version), cleanStart, keepAliveSeconds, sessionExpirySeconds,
                    sessionPresent ? "session resumed, " + queued + " messages queued" : "new session");
        }
    }

    static void disconnected(Channel channel, String clientId, String reason) {
        if (LOG.isInfoEnabled()) {
            LOG.info("Client '{}' disconnected from {}: {}", clientId, address(channel), reason);
        }
    }

    static void subscribed(String clientId, List<SubscriptionRequest> requests, List<ReasonCode> reasons) {
        if (LOG.isInfoEnabled()) {
            List<String> filters = requests.stream().map(SubscriptionRequest::filter).toList();
            LOG.info("Client '{}' subscribed: {}", clientId, outcomes(filters, reasons, true));
        }
    }

    static void unsubscribed(String clientId, List<String> filters, List<ReasonCode> reasons) {
        if (LOG.isInfoEnabled()) {
            LOG.info("Client '{}' unsubscribed: {}", clientId, outcomes(filters, reasons, false));
        }
    }

    static void published(String clientId, String topic, int qos, boolean retain, int bytes) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Client '{}' published to '{}' (QoS {}, retain {}, {} bytes)", clientId, topic, qos, retain, bytes);
        }
    }

    static void delivering(String clientId, String topic, int qos, int packetId) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Delivering '{}' to client '{}' (QoS {}, packet id {})", topic, clientId, qos, packetId);
        }
    }

    /** "a/b QoS 1, c/# refused 0x8F Topic Filter invalid": what the SUBACK or UNSUBACK said for each filter. */
    private static String outcomes(List<String> filters, List<ReasonCode> reasons, boolean subscribe) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append('\'').append(filters.get(i)).append('\'');
            ReasonCode reason = i < reasons.size() ? reasons.get(i) : null;
            if (reason == null) {
                out.append(" not answered");
            } else if (reason.code() < 0x80) {
                out.append(subscribe ? " QoS " + reason.code() : " ok");
            } else {
                out.append(" refused ").append(reason);
            }
        }
        return out.toString();
    }

    /** 127.0.0.1:50123 or [::1]:50123, without the "/" of InetSocketAddress.toString(). */
    private static String address(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            String host = socket.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + socket.getPort();
        }
        return String.valueOf(channel.remoteAddress());
    }

    private static String name(MqttVersion version) {
        return version.isV5() ? "MQTT 5" : "MQTT 3.1.1";
    }
}
