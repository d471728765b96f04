package dev.iotcorelocal.protocol;

import dev.iotcorelocal.events.DisconnectReason;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.packet.ReasonCode;

/**
 * Which AWS {@code disconnectReason} a broker-initiated end of a connection is, from the reason
 * code it is ended with (MQTT 3.1.1 connections are closed for the same codes, without sending
 * them). The closes that carry no code (client DISCONNECT, a lost socket, a client that does not
 * read, an unexpected error) name their reason where they happen.
 */
final class DisconnectReasons {
    private DisconnectReasons() {
    }

    static DisconnectReason of(ReasonCode code) {
        return switch (code) {
            case SESSION_TAKEN_OVER -> DisconnectReason.DUPLICATE_CLIENTID;
            case KEEP_ALIVE_TIMEOUT -> DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT;
            case NOT_AUTHORIZED -> DisconnectReason.AUTH_ERROR;
            case QUOTA_EXCEEDED, MESSAGE_RATE_TOO_HIGH, CONNECTION_RATE_EXCEEDED -> DisconnectReason.THROTTLED;
            case SERVER_SHUTTING_DOWN -> DisconnectReason.SERVER_INITIATED_DISCONNECT;
            case ADMINISTRATIVE_ACTION -> DisconnectReason.API_INITIATED_DISCONNECT;
            case UNSPECIFIED_ERROR, IMPLEMENTATION_SPECIFIC_ERROR, SERVER_UNAVAILABLE, SERVER_BUSY ->
                    DisconnectReason.SERVER_ERROR;
            default -> DisconnectReason.CLIENT_ERROR; // malformed, protocol error, alias, QoS, sizes, ...
        };
    }

    /**
     * A limit's own reason: size limits share 0x97 with the rate and count quotas, but AWS names
     * "payload over the limit" a client error; the quotas are throttling.
     */
    static DisconnectReason of(Violation violation) {
        if (violation.limit() == null) {
            return of(violation.reasonCode());
        }
        return switch (violation.limit()) {
            case PUBLISH_RATE, CONNECT_RATE, RETAINED_MESSAGES, FILTERS_PER_SUBSCRIBE, SUBSCRIPTIONS_PER_CONNECTION ->
                    DisconnectReason.THROTTLED;
            default -> DisconnectReason.CLIENT_ERROR;
        };
    }
}
