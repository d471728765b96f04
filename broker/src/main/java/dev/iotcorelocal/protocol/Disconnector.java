package dev.iotcorelocal.protocol;

import dev.iotcorelocal.codec.PacketEncoder;
import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that ends a connection on the server's initiative or refuses a CONNECT. MQTT 5
 * clients get the reason code and an AWS-style Reason String; MQTT 3.1.1 clients have no reason
 * codes, so they get a CONNACK return code where one exists and otherwise a closed socket, as
 * AWS IoT Core does. The socket closes once the last packet is flushed, or at the transport's
 * close deadline when the client does not read it.
 */
final class Disconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Disconnector.class);

    private final Channel channel;
    private final ConnectionTransport transport;
    private final MqttConnection connection; // told of a CONNECT refused as not authorized
    private boolean closing;
    private String closeReason; // why the broker or the client ended the connection; null: it was lost

    Disconnector(Channel channel, ConnectionTransport transport, MqttConnection connection) {
        this.channel = channel;
        this.transport = transport;
        this.connection = connection;
    }

    boolean isClosing() {
        return closing;
    }

    /** Sends DISCONNECT (MQTT 5) with the reason, then closes. */
    void disconnect(MqttVersion version, String clientId, ReasonCode reason, String text) {
        disconnect(version, clientId, reason, text, true);
    }

    /**
     * As above. The activity log names the reason once the channel has closed (MqttConnection.onClosed);
     * at DEBUG the decision is logged too, unless {@code log} is false because the caller has
     * already logged why (a limit refusal).
     */
    void disconnect(MqttVersion version, String clientId, ReasonCode reason, String text, boolean log) {
        if (closing) {
            return;
        }
        closing = true;
        if (log) {
            LOG.debug("Disconnecting client '{}' from {}: {} ({})", clientId, channel.remoteAddress(), reason, text);
        }
        closeReason = (version != null && version.isV5() ? "broker sent DISCONNECT " : "broker closed the connection, ")
                + reason + " (" + text + ")";
        if (version != null && version.isV5()) {
            Disconnect packet = Disconnect.of(reason, ReasonStrings.of(PacketType.DISCONNECT, text));
            channel.writeAndFlush(packet).addListener(ChannelFutureListener.CLOSE);
            transport.closeByDeadline();
        } else {
            channel.close();
        }
    }

    /** Refuses a CONNECT with a CONNACK carrying the reason (or the 3.1.1 return code), then closes. */
    void refuseConnect(MqttVersion version, String clientId, ReasonCode reason, String text) {
        refuseConnect(version, clientId, reason, text, true);
    }

    void refuseConnect(MqttVersion version, String clientId, ReasonCode reason, String text, boolean log) {
        if (closing) {
            return;
        }
        closing = true;
        if (log) {
            logRefusal("Refusing CONNECT of", clientId, reason, text);
        }
        if (version == MqttVersion.V5) {
            Connack refusal = Connack.refusal(reason, ReasonStrings.of(PacketType.CONNACK, text));
            channel.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
            transport.closeByDeadline();
        } else if (version == MqttVersion.V3_1_1 && PacketEncoder.hasV3ConnackCode(reason)) {
            channel.writeAndFlush(Connack.refusal(reason, null)).addListener(ChannelFutureListener.CLOSE);
            transport.closeByDeadline();
        } else {
            channel.close();
        }
        if (reason == ReasonCode.NOT_AUTHORIZED) { // after the refusal is written, whichever check refused
            connection.connectNotAuthorized(clientId);
        }
    }

    /** Refuses a CONNECT by closing the socket without CONNACK, logging why at INFO. */
    void closeWithoutConnack(String clientId, String text) {
        if (closing) {
            return;
        }
        LOG.info("Closing the connection of client '{}' from {} without CONNACK: {}", clientId,
                channel.remoteAddress(), text);
        close("broker closed the connection without CONNACK (" + text + ")");
    }

    /** Closes without a packet (the client asked, or the peer is gone). */
    void close() {
        closing = true;
        channel.close();
    }

    /** As {@link #close()}, saying why for the activity log. */
    void close(String reason) {
        closeReason = reason;
        close();
    }

    /** Why the connection ended, for the activity log: the broker's or the client's reason, else "connection lost". */
    String closeReason() {
        return closeReason != null ? closeReason : "connection lost (closed without DISCONNECT)";
    }

    /** Whether the broker ended this connection for a reason worth logging even before CONNECT. */
    boolean closedWithReason() {
        return closeReason != null;
    }

    private void logRefusal(String action, String clientId, ReasonCode reason, String text) {
        LOG.info("{} client '{}' from {}: {} ({})", action, clientId, channel.remoteAddress(), reason, text);
    }
}
