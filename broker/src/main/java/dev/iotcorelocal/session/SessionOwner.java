package dev.iotcorelocal.session;

/** The live connection a session is bound to. Both methods may be called from any thread. */
public interface SessionOwner {

    /** The session's queue became non-empty: drain it on the connection's own thread. */
    void wake();

    /** Another connection with the same client ID took the session: close with Session taken over. */
    void takeOver();
}
