package dev.iotcorelocal.routing;

/**
 * A topic's levels (the parts between '/'), for matching. Devices publish to the same few topics
 * over and over, so each thread remembers its recent splits in a small direct-mapped table: a
 * repeated topic costs a hash and a comparison instead of an array and a String per level, which
 * were most of what routing allocated per message (JMH: TopicMatchBenchmark). A topic that is
 * never repeated costs one split, as before. The arrays handed out are shared: read only.
 */
final class TopicLevels {
    private static final int SLOTS = 1024; // a power of two; at most ~300 KB per routing thread
    private static final ThreadLocal<TopicLevels> RECENT = ThreadLocal.withInitial(TopicLevels::new);

    private final String[] topics = new String[SLOTS];
    private final String[][] levels = new String[SLOTS][];

    private TopicLevels() {
    }

    /** The levels of a published topic, shared and read only. */
    static String[] of(String topic) {
        return RECENT.get().lookup(topic);
    }

    private String[] lookup(String topic) {
        int hash = topic.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String known = topics[slot];
        if (known != null && known.equals(topic)) {
            return levels[slot];
        }
        String[] split = split(topic);
        topics[slot] = topic;
        levels[slot] = split;
        return split;
    }

    /** A fresh split: "a//b/" has the levels "a", "", "b" and "". */
    static String[] split(String topic) {
        int count = 1;
        for (int i = 0; i < topic.length(); i++) {
            if (topic.charAt(i) == '/') {
                count++;
            }
        }
        String[] split = new String[count];
        int start = 0;
        for (int level = 0; level < count - 1; level++) {
            int end = topic.indexOf('/', start);
            split[level] = topic.substring(start, end);
            start = end + 1;
        }
        split[count - 1] = topic.substring(start);
        return split;
    }
}
