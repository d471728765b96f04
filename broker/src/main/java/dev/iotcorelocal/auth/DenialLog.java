package dev.iotcorelocal.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Logs each denial of one connection once per action and resource at INFO, with the policy
 * engine's explanation, so a developer reads in one line why AWS would refuse. Bounded: after
 * {@value #CAPACITY} distinct denials one line says further ones are not logged.
 */
final class DenialLog {
    static final int CAPACITY = 32;
    private static final Logger LOG = LoggerFactory.getLogger(DenialLog.class);
    private final String clientId;
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    DenialLog(String clientId) {
        this.clientId = clientId;
    }

    /** @param explanation asked only when the line is logged: explaining costs more than deciding */
    void denied(String action, String resource, Supplier<String> explanation) {
        String key = action + ' ' + resource;
        if (logged.contains(key)) {
            return;
        }
        if (logged.size() >= CAPACITY) {
            if (overflowed.compareAndSet(false, true)) {
                LOG.info("Further denials for client '{}' are not logged ({} logged already)", clientId, CAPACITY);
            }
            return;
        }
        if (logged.add(key)) {
            LOG.info("Denied {} for client '{}' on {}: {}", action, clientId, resource, explanation.get());
        }
    }
}
