package dev.iotcorelocal.registry;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Holds the current {@link RegistryState}. Reads are a volatile load, safe from any thread and
 * lock-free; writes are serialised and publish a whole new snapshot, or nothing when the change
 * throws. In memory for now; a durable store later implements the same two methods.
 */
public final class RegistryStore {
    private final AtomicReference<RegistryState> state = new AtomicReference<>(RegistryState.EMPTY);

    public RegistryState current() {
        return state.get();
    }

    /** Applies a change; called from the API's worker threads, never from an event loop. */
    synchronized <T> T write(Function<Draft, T> change) {
        Draft draft = new Draft(state.get());
        T result = change.apply(draft);
        state.set(draft.freeze());
        return result;
    }
}
