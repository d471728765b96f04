package dev.iotcorelocal.rules.action.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The log streams the cloudwatchLogs action has created (or found existing), so it calls
 * CreateLogStream once per group and stream rather than per message. Bounded: a group template
 * that names a new group per message must not grow it without end.
 */
final class LogStreams {
    private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(10_000).build();

    boolean isKnown(String endpoint, String group, String stream) {
        return known.getIfPresent(key(endpoint, group, stream)) != null;
    }

    void remember(String endpoint, String group, String stream) {
        known.put(key(endpoint, group, stream), Boolean.TRUE);
    }

    void forget(String endpoint, String group, String stream) {
        known.invalidate(key(endpoint, group, stream));
    }

    private static String key(String endpoint, String group, String stream) {
        return endpoint + '\n' + group + '\n' + stream;
    }
}
