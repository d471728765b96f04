package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientGrant;
import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.DecodeFailure;
import dev.iotcorelocal.events.ConnectionLifecycle;
import dev.iotcorelocal.events.DisconnectReason;
import dev.iotcorelocal.limits.RefusalLog;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.packet.Auth;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PingReq;
import dev.iotcorelocal.packet.PingResp;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.Unsubscribe;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionOwner;
import io.netty.channel.Channel;

import java.util.function.Function;

/**
 * One client connection's protocol state machine, confined to its channel's event loop. It
 * dispatches packets to one flow per concern and owns the connection's lifecycle.
 */
public final class MqttConnection implements SessionOwner {
    private final Channel channel;
    private final ProtocolContext context;
    private final Function<Channel, ClientIdentity> identity;
    private final ConnectionTransport transport;
    private final Disconnector disconnector;
    private ConnectedState connected;
    // Created on first use, like the refusal log: an idle connection (most of a fleet) never needs them.
    private InboundPublishFlow inbound;
    private SubscribeFlow subscriptions;
    private RefusalLog refusals;
    private boolean willSuppressed;
    // Set by the registry's takeover from the new connection's thread; its disconnect task follows.
    private volatile boolean takenOver;
    // Set before the session is attached: from then on a takeover on another thread may end it.
    private volatile ConnectionLifecycle lifecycle = ConnectionLifecycle.NONE;

    /** @param identity the client's identity from its channel (its TLS certificate), asked once at CONNECT */
    public MqttConnection(Channel channel, ProtocolContext context, Function<Channel, ClientIdentity> identity,
                          ConnectionTransport transport) {
        this.channel = channel;
        this.context = context;
        this.identity = identity;
        this.transport = transport;
        this.disconnector = new Disconnector(channel, transport, this);
    }

    /** What exists only after a successful CONNECT. */
    record ConnectedState(MqttVersion version, boolean problemInformation, String clientId, ClientGrant grant,
                          Session session, OutboundFlow outbound, WillPublication will) {
    }

    /** The connection's Will as a ready-to-run publication, or null fields when it has none. */
    record WillPublication(Runnable publisher, long delaySeconds) {
        static final WillPublication NONE = new WillPublication(null, 0);
    }

    public boolean isConnected() {
        return connected != null;
    }

    public void onPacket(MqttPacket packet) {
        if (disconnector.isClosing()) {
            return;
        }
        if (takenOver) {
            // What the client sent before the takeover reached it is not applied after it.
            onTakenOver();
            return;
        }
        if (connected == null) {
            if (packet instanceof Connect connect) {
                connected = new ConnectFlow(channel, context, disconnector, transport, this)
                        .accept(connect, identity.apply(channel));
            }
            return;
        }
        dispatch(packet);
    }

    private void dispatch(MqttPacket packet) {
        if (packet instanceof Publish publish) {
            inbound().onPublish(publish);
        } else if (packet instanceof PubReply reply) {
            onPubReply(reply);
        } else if (packet instanceof Subscribe subscribe) {
            subscriptions().onSubscribe(subscribe);
        } else if (packet instanceof Unsubscribe unsubscribe) {
            subscriptions().onUnsubscribe(unsubscribe);
        } else if (packet instanceof PingReq) {
            channel.write(PingResp.INSTANCE, channel.voidPromise());
        } else if (packet instanceof Disconnect disconnect) {
            onClientDisconnect(disconnect);
        } else if (packet instanceof Auth) {
            protocolError("AUTH is not supported.");
        }
    }

    private void onPubReply(PubReply reply) {
        if (reply.type() == PacketType.PUBACK) {
            connected.outbound().onPuback(reply.packetId());
        } else {
            // The broker never sends QoS 2 packets, so no PUBREC, PUBREL or PUBCOMP can be expected.
            protocolError(reply.type() + " without a QoS 2 exchange.");
        }
    }

    private void onClientDisconnect(Disconnect disconnect) {
        Session session = connected.session();
        Long requested = disconnect.sessionExpiryInterval();
        if (requested != null) {
            if (session.expiryInterval() == 0 && requested > 0) {
                protocolError("Session expiry interval cannot be set on DISCONNECT when it was 0 on CONNECT.");
                return;
            }
            long expiry = Math.min(requested, context.sessions().maximumSessionExpiry());
            if (!context.registry().changeIfOwner(session, this, () -> session.expiryInterval(expiry))) {
                onTakenOver(); // the session's expiry is its new owner's now
                return;
            }
        }
        willSuppressed = disconnect.reasonCode() != ReasonCode.DISCONNECT_WITH_WILL;
        end(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
        disconnector.close("client sent DISCONNECT " + disconnect.reasonCode());
    }

    void protocolError(String text) {
        disconnect(ReasonCode.PROTOCOL_ERROR, text);
    }

    void disconnect(ReasonCode reason, String text) {
        end(DisconnectReasons.of(reason));
        disconnector.disconnect(version(), clientId(), reason, text);
    }

    /** Disconnect for a limit violation the flow has already logged through its RefusalLog. */
    void disconnectLogged(ReasonCode reason, String text) {
        end(DisconnectReasons.of(reason));
        disconnector.disconnect(version(), clientId(), reason, text, false);
    }

    /**
     * The one place that decides how a refused PUBLISH or SUBSCRIBE is answered per protocol: an
     * MQTT 5 client gets the reason code from the caller (returns false); MQTT 3.1.1 has no
     * reason codes, so its connection is closed, as AWS does (returns true). A limit violation
     * has been logged by the caller's RefusalLog; any other refusal is logged here.
     */
    boolean closeIfNoReasonCodes(Violation violation) {
        if (version().isV5()) {
            return false;
        }
        disconnect(violation);
        return true;
    }

    /** Disconnects for the violation, logging it unless it is a limit its RefusalLog already logged. */
    void disconnect(Violation violation) {
        end(DisconnectReasons.of(violation)); // before the code's reason: the limit's is more exact
        if (violation.limit() != null) {
            disconnectLogged(violation.reasonCode(), violation.text());
        } else {
            disconnect(violation.reasonCode(), violation.text());
        }
    }

    public void onDecodeFailure(DecodeFailure failure) {
        if (failure.inConnect()) {
            if (failure.version() != null) {
                transport.encodeAs(failure.version(), 0);
            }
            disconnector.refuseConnect(failure.version(), "?", failure.reasonCode(), failure.message());
        } else {
            end(DisconnectReasons.of(failure.reasonCode()));
            disconnector.disconnect(failure.version(), clientId(), failure.reasonCode(), failure.message());
        }
    }

    /**
     * End of a read batch: acknowledged slots are refilled, and everything written goes out in
     * one flush, after the deliveries of the messages this batch routed when it acknowledged any.
     */
    public void onReadComplete() {
        boolean acknowledged = inbound != null && inbound.readBatchComplete();
        if (connected != null && !disconnector.isClosing()) {
            connected.outbound().readBatchComplete();
        }
        if (acknowledged) {
            inbound.flushAfterDeliveries();
        } else {
            channel.flush();
        }
    }

    public void onWritable() {
        if (connected != null) {
            connected.outbound().drain();
        }
    }

    /** The transport gives up on the client (it does not read): closed at once, the Will is due. */
    public void closeWithoutPacket() {
        end(DisconnectReason.CLIENT_ERROR);
        disconnector.close();
    }

    /** The transport failed: the network (reset, TLS error) or, when {@code unexpected}, the broker itself. */
    public void onTransportError(boolean unexpected) {
        end(unexpected ? DisconnectReason.SERVER_ERROR : DisconnectReason.CONNECTION_LOST);
    }

    public void onKeepAliveTimeout() {
        disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT, "Keep alive timeout.");
    }

    public void onServerShutdown() {
        if (connected != null) {
            disconnect(ReasonCode.SERVER_SHUTTING_DOWN, "Server shutting down.");
        } else {
            disconnector.close();
        }
    }

    /** The channel is closed, for whatever reason: hand the session back and publish the Will if due. */
    public void onClosed() {
        ConnectedState state = connected;
        if (state == null) {
            if (disconnector.closedWithReason()) {
                ActivityLog.disconnected(channel, "?", "before CONNECT: " + disconnector.closeReason());
            }
            return;
        }
        ActivityLog.disconnected(channel, state.clientId(), disconnector.closeReason());
        state.grant().release();
        end(DisconnectReason.CONNECTION_LOST); // unless a reason was given when it was ended
        if (refusals != null) {
            refusals.summarize();
        }
        WillPublication will = willSuppressed ? WillPublication.NONE : state.will();
        context.registry().detach(state.session(), this, will.publisher(), will.delaySeconds());
    }

    /**
     * Called by publishers on any thread, once per empty-to-non-empty transition of the queue. The
     * drain always runs as a task after the current I/O round, so that everything queued meanwhile
     * goes out in one flush. (Draining at once on the same loop was measured: one flush per
     * message per subscriber cut fan-out throughput tenfold.)
     */
    @Override
    public void wake() {
        channel.eventLoop().execute(this::drainQueued);
    }

    private void drainQueued() {
        if (connected != null && !disconnector.isClosing()) {
            connected.outbound().drain();
        }
    }

    @Override
    public void takeOver() {
        takenOver = true;
        // Here, on the new connection's thread, so that this disconnected event precedes its connected one.
        lifecycle.ended(DisconnectReason.DUPLICATE_CLIENTID, 0); // the session's expiry is the new owner's concern
        channel.eventLoop().execute(this::onTakenOver);
    }

    /** Another connection took the session; a flow that found it no longer owns it calls this too. */
    void onTakenOver() {
        disconnect(ReasonCode.SESSION_TAKEN_OVER, "Another connection using the same client ID has connected.");
    }

    @Override
    public void disconnectByAdministrator(boolean endSession, boolean suppressWill) {
        channel.eventLoop().execute(() -> {
            if (connected == null || disconnector.isClosing()) {
                return; // gone already: its session is then handled by the registry as offline
            }
            if (endSession) {
                Session session = connected.session();
                context.registry().changeIfOwner(session, this, () -> session.expiryInterval(0)); // no-op if taken over
            }
            willSuppressed |= suppressWill;
            disconnect(ReasonCode.ADMINISTRATIVE_ACTION, "Disconnected by the DeleteConnection API.");
        });
    }

    /**
     * The certificate stopped being a usable principal (made INACTIVE or REVOKED, deleted, its
     * last policy detached): MQTT 5 DISCONNECT 0x87, 3.1.1 closed; the Will is published. Called
     * from the thread that changed the registry.
     */
    void revokeAuthorization() {
        channel.eventLoop().execute(() -> {
            if (connected != null && !disconnector.isClosing()) {
                disconnect(ReasonCode.NOT_AUTHORIZED, "The client's certificate is no longer authorized.");
            }
        });
    }

    private InboundPublishFlow inbound() {
        if (inbound == null) {
            inbound = new InboundPublishFlow(channel, context, this, connected.grant(), connected.clientId(),
                    connected.version());
        }
        return inbound;
    }

    private SubscribeFlow subscriptions() {
        if (subscriptions == null) {
            subscriptions = new SubscribeFlow(channel, context, this, connected.grant(), connected.session());
        }
        return subscriptions;
    }

    /** Before its session is attached: the lifecycle a takeover ends. */
    void lifecycle(ConnectionLifecycle value) {
        lifecycle = value;
    }

    ConnectionLifecycle lifecycle() {
        return lifecycle;
    }

    /** On this connection's loop: the reason it ends, with how long its session outlives it. */
    private void end(DisconnectReason reason) {
        lifecycle.ended(reason, connected == null ? 0 : connected.session().expiryInterval());
    }

    /** The lifecycle of the connection a takeover ended, or null. */
    static ConnectionLifecycle lifecycleOf(SessionOwner takenOver) {
        return takenOver instanceof MqttConnection connection ? connection.lifecycle : null;
    }

    /** A CONNECT refused as not authorized: AWS's connect_failed event (the identity is derived again, once). */
    void connectNotAuthorized(String clientId) {
        context.events().connectFailed(LifecycleFacts.of(clientId, identity.apply(channel), null),
                LifecycleFacts.ipAddress(channel));
    }

    /** This connection's refusal log; call only once connected. */
    RefusalLog refusals() {
        if (refusals == null) {
            refusals = new RefusalLog(connected.clientId());
        }
        return refusals;
    }

    /** Whether the client allows Reason Strings on acknowledgements (Request Problem Information). */
    boolean problemInformation() {
        return connected == null || connected.problemInformation();
    }

    MqttVersion version() {
        return connected == null ? null : connected.version();
    }

    String clientId() {
        return connected == null ? "?" : connected.clientId();
    }
}
