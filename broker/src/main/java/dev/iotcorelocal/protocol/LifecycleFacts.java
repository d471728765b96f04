package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.events.ConnectionFacts;
import io.netty.channel.Channel;
import io.netty.util.NetUtil;

import java.net.InetSocketAddress;

/** What a connection's lifecycle events say about it, from its channel and identity. */
final class LifecycleFacts {
    /** The principal of a connection without a certificate (the plain listener). */
    static final String ANONYMOUS_PRINCIPAL = "anonymous";

    private LifecycleFacts() {
    }

    /** A new session identifier; {@code thingName} only for an exclusive thing association (AWS), else null. */
    static ConnectionFacts of(String clientId, ClientIdentity identity, String thingName) {
        String certificateId = identity.certificateId();
        String principal = certificateId == null || certificateId.isEmpty() ? ANONYMOUS_PRINCIPAL : certificateId;
        return new ConnectionFacts(clientId, thingName, principal, RandomIds.uuid());
    }

    /** The client's address as AWS writes it: 192.0.2.0, or an IPv6 address in its RFC 5952 short form (::1). */
    static String ipAddress(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return NetUtil.toAddressString(socket.getAddress());
        }
        return String.valueOf(channel.remoteAddress());
    }
}
