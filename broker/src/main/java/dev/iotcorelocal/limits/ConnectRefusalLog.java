package dev.iotcorelocal.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Broker-wide log of CONNECTs refused for a limit (client ID, connect rate): the first refusal
 * per limit at INFO, every later one counted and logged at DEBUG only. A refused CONNECT has no
 * connection to keep a log for, and a client retrying in a loop or a throttled fleet would
 * otherwise write one INFO line per attempt from the event loop. Thread-safe: every loop refuses.
 */
public final class ConnectRefusalLog {
    private final Logger log;
    private final Map<Limit, AtomicLong> counts = new EnumMap<>(Limit.class);

    public ConnectRefusalLog() {
        this(LoggerFactory.getLogger(ConnectRefusalLog.class));
    }

    public ConnectRefusalLog(Logger log) {
        this.log = log;
        for (Limit limit : Limit.values()) {
            counts.put(limit, new AtomicLong()); // filled once: reads need no lock afterwards
        }
    }

    public void refused(String clientId, Violation v) {
        long count = counts.get(v.limit()).incrementAndGet();
        if (count == 1) {
            log.info("Refusing CONNECT of client '{}': {} [{}]: answered {}; AWS IoT Core refuses the same (further "
                    + "CONNECTs refused for this limit are counted, not logged)", clientId, v.text(),
                    v.limit().configKey(), v.reasonCode());
        } else if (log.isDebugEnabled()) {
            log.debug("Refusing CONNECT of client '{}': {} [{}]: answered {} ({} such refusals)", clientId, v.text(),
                    v.limit().configKey(), v.reasonCode(), count);
        }
    }

    /** CONNECTs refused for this limit since the broker started. */
    public long count(Limit limit) {
        return counts.get(limit).get();
    }
}
