package dev.iotcorelocal.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's decisions for one action, by resource name (topic or filter), so a device
 * publishing to the same few topics is decided once. Bounded: past {@code capacity} entries it
 * starts over, so a client cycling through unbounded topics costs a fixed amount of memory. It
 * lives in one binding of the connection's policies; a registry change makes a new binding and so
 * a new, empty cache. Safe from any thread.
 */
final class DecisionCache {
    static final int CAPACITY = 256;
    private final ConcurrentHashMap<String, Boolean> decisions = new ConcurrentHashMap<>();
    private final int capacity;

    DecisionCache() {
        this(CAPACITY);
    }

    DecisionCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached decision, or null when not decided yet. */
    Boolean get(String name) {
        return decisions.get(name);
    }

    void put(String name, boolean allowed) {
        if (decisions.size() >= capacity) {
            decisions.clear();
        }
        decisions.put(name, allowed);
    }

    int size() {
        return decisions.size();
    }
}
