package dev.iotcorelocal.events;

/**
 * AWS IoT's {@code disconnectReason} values that this broker produces, each with the trigger it
 * has here (docs/lifecycle-events.md). AWS's FORBIDDEN_ACCESS, WEBSOCKET_TTL_EXPIRATION and
 * CUSTOMAUTH_TTL_EXPIRATION need features the emulator does not have, so they never occur.
 */
public enum DisconnectReason {
    /** The client sent DISCONNECT. */
    CLIENT_INITIATED_DISCONNECT,
    /** A new CONNECT with the same client ID took the connection over. */
    DUPLICATE_CLIENTID,
    /** Nothing from the client for 1.5 times its keep alive. */
    MQTT_KEEP_ALIVE_TIMEOUT,
    /** The socket or TLS session ended without DISCONNECT. */
    CONNECTION_LOST,
    /** A protocol or limit violation that ends the connection. */
    CLIENT_ERROR,
    /** Authorization: a 3.1.1 connection closed for a denied PUBLISH or SUBSCRIBE, MQTT 5 DISCONNECT 0x87. */
    AUTH_ERROR,
    /** A rate or quota limit that ends the connection (0x97). */
    THROTTLED,
    /** The broker is shutting down. */
    SERVER_INITIATED_DISCONNECT,
    /** An unexpected error inside the broker. */
    SERVER_ERROR,
    /** iot-data DeleteConnection. */
    API_INITIATED_DISCONNECT;

    /** AWS's {@code clientInitiatedDisconnect}: true only when the client sent DISCONNECT. */
    public boolean clientInitiated() {
        return this == CLIENT_INITIATED_DISCONNECT;
    }
}
