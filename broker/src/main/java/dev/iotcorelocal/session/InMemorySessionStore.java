package dev.iotcorelocal.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/** Sessions in a concurrent map; lost when the broker stops. */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    @Override
    public Session compute(String clientId, BiFunction<String, Session, Session> function) {
        return sessions.compute(clientId, function);
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
