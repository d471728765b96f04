package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionFailedException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The SDK clients of every rule, made on first use and once per (service, endpoint, region), never
 * per message; closed with the broker. Its fields hold no SDK type, so creating it (at broker
 * start) loads none of the SDK: that happens on the rules thread of the first SDK action.
 */
final class AwsClients implements AutoCloseable {
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final SdkTimeouts timeouts;
    /** An {@code SdkResources}, typed as Object to keep the SDK unloaded until it is needed. */
    private Object resources;
    private boolean closed;

    AwsClients(SdkTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    /**
     * The client for a service at an endpoint, created by {@code maker} the first time.
     *
     * @throws ActionFailedException after {@link #close()}: the broker is stopping
     */
    @SuppressWarnings("unchecked")
    <T extends AutoCloseable> T client(String service, URI endpoint, String region, Function<SdkResources, T> maker) {
        String key = service + ' ' + endpoint + ' ' + region;
        AutoCloseable existing = clients.get(key);
        if (existing != null) {
            return (T) existing;
        }
        synchronized (this) {
            if (closed) {
                throw new ActionFailedException("the broker is stopping: no " + service + " client is created any more");
            }
            if (resources == null) {
                resources = new SdkResources(timeouts);
            }
            SdkResources shared = (SdkResources) resources;
            return (T) clients.computeIfAbsent(key, ignored -> maker.apply(shared));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable client : clients.values()) {
            try {
                client.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        clients.clear();
        if (resources != null) {
            ((SdkResources) resources).close();
            resources = null;
        }
        if (!failures.isEmpty()) {
            IllegalStateException failed = new IllegalStateException("closing the rules' AWS SDK clients failed");
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
    }
}
