package dev.iotcorelocal.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's decisions for one action, by resource name (topic or filter), so a device
 * publishing to the same few topics is decided once. Bounded: past {@code capacity} entries it
 * starts over, so a client cycling through unbounded topics costs a fixed amount of memory. It
 * lives in one binding of the connection's policies; a registry change makes a new binding and so
 * a new, empty cache. Safe from any thread.
 * <p>
 * The last answer is kept in front of the map: a device publishing to one topic again and again
 * (the usual case) is answered with one string comparison, without hashing the new topic string
 * each message brings.
 */
final class DecisionCache {
    static final int CAPACITY = 256;

    /** Immutable, so a plain field is enough: a thread seeing an older entry only misses the memo. */
    private record Entry(String name, Boolean allowed) {
    }

    private final ConcurrentHashMap<String, Entry> decisions = new ConcurrentHashMap<>();
    private final int capacity;
    private Entry last;

    DecisionCache() {
        this(CAPACITY);
    }

    DecisionCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached decision, or null when not decided yet. */
    Boolean get(String name) {
        Entry memo = last;
        if (memo != null && memo.name.equals(name)) {
            return memo.allowed;
        }
        Entry entry = decisions.get(name);
        if (entry == null) {
            return null;
        }
        last = entry;
        return entry.allowed;
    }

    void put(String name, boolean allowed) {
        if (decisions.size() >= capacity) {
            decisions.clear();
        }
        Entry entry = new Entry(name, allowed);
        decisions.put(name, entry);
        last = entry;
    }

    int size() {
        return decisions.size();
    }
}
