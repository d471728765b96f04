package dev.iotcorelocal.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Logs each denial of one connection once per action and resource at INFO, with the policy
 * engine's explanation, so a developer reads in one line why AWS would refuse. Bounded: after
 * {@value #CAPACITY} distinct denials one line says further ones are not logged.
 */
final class DenialLog {
    static final int CAPACITY = 32;
    private static final Logger LOG = LoggerFactory.getLogger(DenialLog.class);
    static final Consumer<String> INFO_LOG = LOG::info;
    private final String clientId;
    private final Consumer<String> sink;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    /** @param sink where the lines go: {@link #INFO_LOG}, or a test's list */
    DenialLog(String clientId, Consumer<String> sink) {
        this.clientId = clientId;
        this.sink = sink;
    }

    /** @param explanation asked only when the line is logged: explaining costs more than deciding */
    void denied(String action, String resource, Supplier<String> explanation) {
        String key = action + ' ' + resource;
        if (logged.contains(key)) {
            return;
        }
        if (logged.size() >= CAPACITY) {
            if (overflowed.compareAndSet(false, true)) {
                sink.accept("Further denials for client '" + clientId + "' are not logged (" + CAPACITY
                        + " logged already)");
            }
            return;
        }
        if (logged.add(key)) {
            sink.accept("Denied " + action + " for client '" + clientId + "' on " + resource + ": "
                    + explanation.get());
        }
    }
}
