package dev.iotcorelocal.session;

/** The live connection a session is bound to. Both methods may be called from any thread. */
public interface SessionOwner {

    /** The session's queue became non-empty: drain it on the connection's own thread. */
    void wake();

    /** Another connection with the same client ID took the session: close with Session taken over. */
    void takeOver();

    /**
     * An administrator ended the connection (iot-data DeleteConnection): close with MQTT 5
     * DISCONNECT 0x98 Administrative action, or a plain close for 3.1.1.
     * @param endSession also end the session, as if its expiry were 0
     * @param suppressWill do not publish the connection's Will
     */
    default void disconnectByAdministrator(boolean endSession, boolean suppressWill) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be disconnected by DeleteConnection");
    }
}
