package dev.iotcorelocal.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Holds the current {@link RegistryState}. Reads are a volatile load, safe from any thread and
 * lock-free; writes are serialised and publish a whole new snapshot, or nothing when the change
 * throws. In memory for now; a durable store later implements the same two methods.
 */
public final class RegistryStore {
    private final AtomicReference<RegistryState> state = new AtomicReference<>(RegistryState.EMPTY);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public RegistryState current() {
        return state.get();
    }

    /** Called after every change that published a new snapshot, on the writer's thread. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Applies a change; called from the API's worker threads, never from an event loop. */
    <T> T write(Function<Draft, T> change) {
        boolean changed;
        T result;
        synchronized (this) {
            RegistryState before = state.get();
            Draft draft = new Draft(before);
            result = change.apply(draft);
            RegistryState after = draft.view(); // the base itself when nothing was touched
            state.set(after);
            changed = after != before;
        }
        if (changed) { // outside the lock: a listener may read the registry or take its time
            listeners.forEach(Runnable::run);
        }
        return result;
    }
}
