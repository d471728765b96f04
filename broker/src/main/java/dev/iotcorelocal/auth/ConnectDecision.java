package dev.iotcorelocal.auth;

import java.util.Objects;

/**
 * The answer to a CONNECT: allowed with the connection's grant, refused by policy (MQTT 5
 * CONNACK 0x87) or refused because the certificate is not a known ACTIVE principal (the socket is
 * closed without CONNACK). {@code reason} says why, for the log.
 */
public record ConnectDecision(Verdict verdict, ClientGrant grant, String reason) {
    public enum Verdict { ALLOWED, NOT_AUTHORIZED, UNKNOWN_PRINCIPAL }

    public ConnectDecision {
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.ALLOWED) != (grant != null)) {
            throw new IllegalArgumentException("a grant comes with ALLOWED and only with it");
        }
    }

    public static ConnectDecision allowed(ClientGrant grant) {
        return new ConnectDecision(Verdict.ALLOWED, grant, null);
    }

    public static ConnectDecision notAuthorized(String reason) {
        return new ConnectDecision(Verdict.NOT_AUTHORIZED, null, reason);
    }

    public static ConnectDecision unknownPrincipal(String reason) {
        return new ConnectDecision(Verdict.UNKNOWN_PRINCIPAL, null, reason);
    }
}
