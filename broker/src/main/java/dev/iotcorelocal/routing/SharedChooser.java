package dev.iotcorelocal.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Picks one member per matching share group for one message, round robin. The turn counters
 * belong to the index, one per group and filter; groups are few, so they are never pruned.
 */
final class SharedChooser {
    private final Map<String, AtomicLong> turns;
    private final Map<String, List<Subscription>> groups = new LinkedHashMap<>(2);

    SharedChooser(Map<String, AtomicLong> turns) {
        this.turns = turns;
    }

    void offer(Subscription s) {
        groups.computeIfAbsent(s.key(), k -> new ArrayList<>(4)).add(s);
    }

    void emit(Consumer<Subscription> consumer) {
        for (Map.Entry<String, List<Subscription>> group : groups.entrySet()) {
            List<Subscription> members = group.getValue();
            long turn = turns.computeIfAbsent(group.getKey(), k -> new AtomicLong()).getAndIncrement();
            consumer.accept(members.get((int) Math.floorMod(turn, (long) members.size())));
        }
    }
}
