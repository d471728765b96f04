package dev.iotcorelocal.routing;

/**
 * Whether a share-group member's client can take a message now: the router answers from its
 * sessions, so the index can prefer connected members without knowing what a session is.
 */
@FunctionalInterface
public interface MemberPresence {
    /** Every member counts as connected: for callers that only need the index's view. */
    MemberPresence ALL_ONLINE = clientId -> Presence.ONLINE;

    Presence of(String clientId);

    enum Presence {
        /** Connected: takes any QoS. */
        ONLINE,
        /** Disconnected with a session kept: queues QoS 1 only. */
        OFFLINE,
        /** No session: takes nothing. */
        GONE
    }
}
