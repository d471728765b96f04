package dev.iotcorelocal.session;

import java.util.function.BiFunction;

/**
 * Where sessions live between connections. The in-memory store is the only one today; a
 * durable store implements the same contract (atomic per client ID).
 */
public interface SessionStore {

    Session get(String clientId);

    /** Atomically replaces the client's session with the function's result (null removes it). */
    Session compute(String clientId, BiFunction<String, Session, Session> function);

    int size();
}
