package dev.iotcorelocal.registry;

import dev.iotcorelocal.registry.ThingRegistry.State;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The things registry's one mutable cell: an immutable {@link State} swapped atomically. Readers
 * never lock; each change is a pure function of the previous snapshot, retried if another change
 * won the race, and listeners run after every change that published a new snapshot.
 */
final class ThingSnapshots {
    private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** What a change made of a snapshot: the next one ({@code before} itself when nothing changed) and its answer. */
    record Change<T>(State state, T value) {
    }

    State get() {
        return state.get();
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    <T> T update(Function<State, Change<T>> change) {
        while (true) {
            State before = state.get();
            Change<T> result = change.apply(before);
            if (result.state() == before) {
                return result.value();
            }
            if (state.compareAndSet(before, result.state())) {
                listeners.forEach(Runnable::run);
                return result.value();
            }
        }
    }

    /** A copy of the snapshot with each map changed by its operator. */
    static State with(State s, UnaryOperator<TreeMap<String, Thing>> things,
                      UnaryOperator<TreeMap<String, ThingType>> types,
                      UnaryOperator<TreeMap<String, ThingGroup>> groups) {
        return new State(things.apply(new TreeMap<>(s.things())), types.apply(new TreeMap<>(s.types())),
                groups.apply(new TreeMap<>(s.groups())));
    }

    static <V> TreeMap<String, V> put(TreeMap<String, V> map, String key, V value) {
        map.put(key, value);
        return map;
    }

    static <V> TreeMap<String, V> remove(TreeMap<String, V> map, String key) {
        map.remove(key);
        return map;
    }

    static Set<String> without(Set<String> set, String element) {
        Set<String> copy = new HashSet<>(set);
        copy.remove(element);
        return copy;
    }

    /** The {@code expectedVersion} rule of things and groups: null skips it. */
    static void checkVersion(long actual, Long expected, String what) {
        if (expected != null && expected != actual) {
            throw new RegistryRefusal(RegistryError.VERSION_CONFLICT, "The version of " + what + " is "
                    + actual + ", not the expected " + expected + ".");
        }
    }

    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current(); // ids need uniqueness, not secrecy
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | (2L << 62)).toString();
    }
}
