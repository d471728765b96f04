package dev.iotcorelocal.shadow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Shadows per thing in memory, named ones sorted by name for ListNamedShadowsForThing's pages. */
public final class InMemoryShadowStore implements ShadowStore {
    private static final String CLASSIC = ""; // no shadow name is empty
    private final Map<String, ConcurrentNavigableMap<String, StoredShadow>> things = new ConcurrentHashMap<>();

    @Override
    public StoredShadow get(ShadowKey key) {
        ConcurrentNavigableMap<String, StoredShadow> shadows = things.get(key.thingName());
        return shadows == null ? null : shadows.get(name(key));
    }

    @Override
    public void put(ShadowKey key, StoredShadow shadow) {
        things.computeIfAbsent(key.thingName(), thing -> new ConcurrentSkipListMap<>()).put(name(key), shadow);
    }

    @Override
    public void remove(ShadowKey key) {
        things.computeIfPresent(key.thingName(), (thing, shadows) -> {
            shadows.remove(name(key));
            return shadows.isEmpty() ? null : shadows;
        });
    }

    @Override
    public List<String> namedShadows(String thingName, String after, int limit) {
        ConcurrentNavigableMap<String, StoredShadow> shadows = things.get(thingName);
        List<String> names = new ArrayList<>();
        if (shadows == null) {
            return names;
        }
        Map<String, StoredShadow> tail = shadows.tailMap(after == null ? CLASSIC : after, false);
        for (Map.Entry<String, StoredShadow> entry : tail.entrySet()) {
            if (names.size() == limit) {
                break;
            }
            if (entry.getValue().isLive()) {
                names.add(entry.getKey());
            }
        }
        return names;
    }

    private static String name(ShadowKey key) {
        return key.isClassic() ? CLASSIC : key.shadowName();
    }
}
