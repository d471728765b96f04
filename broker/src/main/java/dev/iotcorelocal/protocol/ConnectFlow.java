package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.auth.ConnectAttempt;
import dev.iotcorelocal.auth.ConnectDecision;
import dev.iotcorelocal.config.MqttConfig;
import dev.iotcorelocal.events.ConnectionLifecycle;
import dev.iotcorelocal.limits.Limit;
import dev.iotcorelocal.limits.LimitChecks;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.packet.Connack;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Will;
import dev.iotcorelocal.session.SessionRegistry;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.List;

/** Accepts or refuses a CONNECT and answers with AWS IoT Core's CONNACK. */
final class ConnectFlow {
    private final Channel channel;
    private final ProtocolContext context;
    private final Disconnector disconnector;
    private final ConnectionTransport transport;
    private final MqttConnection connection;

    ConnectFlow(Channel channel, ProtocolContext context, Disconnector disconnector, ConnectionTransport transport,
                MqttConnection connection) {
        this.channel = channel;
        this.context = context;
        this.disconnector = disconnector;
        this.transport = transport;
        this.connection = connection;
    }

    /** Returns the connected state, or null when the CONNECT was refused (the channel is then closing). */
    MqttConnection.ConnectedState accept(Connect connect, ClientIdentity identity) {
        MqttVersion version = connect.version();
        transport.encodeAs(version, connect.maximumPacketSize());
        String clientId = connect.clientId();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            if (version == MqttVersion.V3_1_1 && !connect.cleanStart()) {
                return refuse(connect, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                        "An empty client ID requires a clean session.");
            }
            clientId = "iotcore-" + RandomIds.uuid();
            assigned = true;
        }
        Violation refusal = assigned ? null : LimitChecks.clientId(clientId, context.limits());
        if (refusal == null && !context.connectRateLimiter().tryAcquire(clientId, context.clock().millis())) {
            refusal = new Violation(Limit.CONNECT_RATE, ReasonCode.QUOTA_EXCEEDED,
                    context.limits().connectsPerSecond() + " per second, burst " + context.limits().connectBurst());
        }
        if (refusal != null) {
            context.connectRefusals().refused(clientId, refusal);
            disconnector.refuseConnect(version, clientId, refusal.reasonCode(), refusal.text(), false);
            return null;
        }
        Will will = connect.will();
        if (will != null && will.qos() > context.mqtt().maximumQos()) {
            return refuse(connect, ReasonCode.QOS_NOT_SUPPORTED, "Will QoS " + will.qos() + " is not supported.");
        }
        Violation willViolation = will == null ? null
                : LimitChecks.message(will.topic(), will.retain(), will.payload(), will.properties(), context.limits());
        if (willViolation != null) {
            context.connectRefusals().refused(clientId, willViolation);
            disconnector.refuseConnect(version, clientId, willViolation.reasonCode(), "Will: " + willViolation.text(),
                    false);
            return null;
        }
        if (connect.authenticationMethod() != null) {
            return refuse(connect, ReasonCode.BAD_AUTHENTICATION_METHOD, "Enhanced authentication is not supported.");
        }
        long requestedExpiry = version.isV5() ? connect.sessionExpiryInterval()
                : (connect.cleanStart() ? 0 : context.sessions().mqtt311SessionExpiry());
        boolean persistent = version.isV5() ? connect.sessionExpiryInterval() > 0 : !connect.cleanStart();
        ConnectDecision decision = context.authorizer().connect(new ConnectAttempt(identity, clientId, persistent,
                will == null ? null : will.topic(), will != null && will.retain(), sourceIp(),
                connection::revokeAuthorization));
        if (decision.verdict() != ConnectDecision.Verdict.ALLOWED) {
            refuseByAuthorization(version, clientId, decision);
            return null;
        }
        ClientGrant grant = decision.grant();
        MqttConfig mqtt = context.mqtt();
        long maxExpiry = context.sessions().maximumSessionExpiry();
        long expiry = Math.min(requestedExpiry, maxExpiry);
        int keepAliveSeconds = mqtt.clampKeepAlive(connect.keepAlive());

        ConnectionLifecycle lifecycle = context.events().accepted(LifecycleFacts.of(clientId, identity,
                grant.exclusiveThingName()));
        connection.lifecycle(lifecycle);
        SessionRegistry.Attachment attachment = context.registry()
                .attach(clientId, version, connect.cleanStart(), expiry, connection);
        channel.write(connack(connect, attachment.sessionPresent(), assigned ? clientId : null,
                requestedExpiry, expiry, keepAliveSeconds), channel.voidPromise());
        lifecycle.connected(MqttConnection.lifecycleOf(attachment.takenOver()), LifecycleFacts.ipAddress(channel));
        transport.startKeepAlive(keepAliveSeconds * 1500L);
        ActivityLog.connected(channel, clientId, version, connect.cleanStart(), keepAliveSeconds, expiry,
                attachment.sessionPresent(), attachment.session().queuedCount());

        ReplayPacer pacer = attachment.sessionPresent()
                ? ReplayPacer.forResume(context.sessions().resumeReplayRate(), attachment.session().queuedCount()) : null;
        OutboundFlow outbound = new OutboundFlow(channel, attachment.session(), connection, version, connect, mqtt,
                context.clock(), pacer, grant);
        MqttConnection.ConnectedState state = new MqttConnection.ConnectedState(version,
                connect.requestProblemInformation(), clientId,
                grant, attachment.session(), outbound, willPublication(will, clientId));
        outbound.resumeInflight();
        outbound.drain();
        return state;
    }

    /**
     * An unknown or inactive certificate: the socket is closed without CONNACK, both protocol
     * versions (the spec's proposal, §1.1). A policy refusal: MQTT 5 CONNACK 0x87; MQTT 3.1.1 is
     * closed without CONNACK, as AWS hangs up. The authorizer has logged the policy's explanation.
     */
    private void refuseByAuthorization(MqttVersion version, String clientId, ConnectDecision decision) {
        if (decision.verdict() == ConnectDecision.Verdict.NOT_AUTHORIZED && version.isV5()) {
            disconnector.refuseConnect(version, clientId, ReasonCode.NOT_AUTHORIZED, decision.reason());
        } else {
            if (decision.verdict() == ConnectDecision.Verdict.NOT_AUTHORIZED) {
                connection.connectNotAuthorized(clientId); // AWS's connect_failed, though 3.1.1 gets no CONNACK
            }
            disconnector.closeWithoutConnack(clientId, decision.reason());
        }
    }

    private String sourceIp() {
        return channel.remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : null;
    }

    private Connack connack(Connect connect, boolean sessionPresent, String assignedClientId, long requestedExpiry,
                            long grantedExpiry, int keepAliveSeconds) {
        MqttConfig mqtt = context.mqtt();
        Long sessionExpiry = switch (mqtt.connackSessionExpiry()) {
            case AWS -> 0L;
            case SPEC -> grantedExpiry < requestedExpiry ? grantedExpiry : null;
        };
        return new Connack(sessionPresent, ReasonCode.SUCCESS, sessionExpiry, mqtt.receiveMaximum(), mqtt.maximumQos(), true,
                (long) mqtt.maximumPacketSize(), assignedClientId, mqtt.topicAliasMaximum(), null, List.of(),
                true, false, true, keepAliveSeconds);
    }

    private MqttConnection.WillPublication willPublication(Will will, String clientId) {
        if (will == null) {
            return MqttConnection.WillPublication.NONE;
        }
        Runnable publisher = () -> context.router().route(MessageExpiry.message(will.topic(), will.payload(),
                will.qos(), will.retain(), will.properties(), clientId, context.clock().millis()));
        return new MqttConnection.WillPublication(publisher, will.delayInterval());
    }

    private MqttConnection.ConnectedState refuse(Connect connect, ReasonCode reason, String text) {
        disconnector.refuseConnect(connect.version(), connect.clientId(), reason, text);
        return null;
    }
}
