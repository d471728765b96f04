package dev.iotcorelocal.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * Logs a connection's refusals so a developer learns why AWS would refuse the same thing: the
 * first refusal per limit at INFO (client ID, limit, config key, reason code), repeats at DEBUG,
 * and a count per limit when the connection ends. Confined to the connection's event loop.
 */
public final class RefusalLog {
    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final String clientId;
    private Map<Limit, Integer> counts; // created on the first refusal

    public RefusalLog(String clientId) {
        this.clientId = clientId;
    }

    public void refused(Violation v) {
        if (counts == null) {
            counts = new EnumMap<>(Limit.class);
        }
        int count = counts.merge(v.limit(), 1, Integer::sum);
        if (count == 1) {
            LOG.info("Client '{}': {} [{}]: answered {}; AWS IoT Core refuses the same (further refusals of this kind "
                    + "are counted, not logged)", clientId, v.text(), v.limit().configKey(), v.reasonCode());
        } else {
            LOG.debug("Client '{}': {} [{}]: answered {}", clientId, v.text(), v.limit().configKey(), v.reasonCode());
        }
    }

    /** At connection end: one line per limit refused more than once. */
    public void summarize() {
        if (counts == null) {
            return;
        }
        counts.forEach((limit, count) -> {
            if (count > 1) {
                LOG.info("Client '{}': {} refusals for '{}' [{}] on this connection", clientId, count,
                        limit.description(), limit.configKey());
            }
        });
    }
}
