package dev.iotcorelocal.auth;

/**
 * What a CONNECT asks for, as far as authorization cares.
 *
 * @param clientId the client ID (the assigned one when the client sent none)
 * @param persistent MQTT 3.1.1 cleanSession=0, or MQTT 5 Session Expiry Interval above 0
 * @param willTopic the Will's topic, or null without a Will
 * @param sourceIp the client's address without port, or null when unknown
 * @param revoke how to end this connection later (certificate deactivated): runs the disconnect on
 *               the connection's own event loop; may be called from any thread
 */
public record ConnectAttempt(ClientIdentity identity, String clientId, boolean persistent, String willTopic,
                             boolean willRetain, String sourceIp, Runnable revoke) {
}
