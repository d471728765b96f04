package dev.iotcorelocal.routing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The result of one topic match, as the index's own immutable per-node arrays (never copied)
 * plus the share-group members chosen for this message. Mutable and reusable: one per thread.
 */
public final class Matches {
    private Subscription[][] groups = new Subscription[4][];
    private int groupCount;
    private Subscription[] chosen = new Subscription[2];
    private int chosenCount;
    private Subscription[] flat = new Subscription[16];
    private int flatCount;
    private boolean inUse;
    private SharedChooser sharedChooser; // only when a shared subscription matched

    /** Claims this scratch for one match; false when it is already in use on this thread. */
    public boolean acquire() {
        if (inUse) {
            return false;
        }
        inUse = true;
        return true;
    }

    /** Clears and frees it. */
    public void release() {
        clear();
        inUse = false;
    }

    void addGroup(Subscription[] group) {
        if (groupCount == groups.length) {
            groups = Arrays.copyOf(groups, groupCount * 2);
        }
        groups[groupCount++] = group;
    }

    void addChosen(Subscription subscription) {
        if (chosenCount == chosen.length) {
            chosen = Arrays.copyOf(chosen, chosenCount * 2);
        }
        chosen[chosenCount++] = subscription;
    }

    /** The chooser among matching share-group members, created on the first one. */
    SharedChooser sharedChooser(Map<String, AtomicLong> turns) {
        if (sharedChooser == null) {
            sharedChooser = new SharedChooser(turns);
        }
        return sharedChooser;
    }

    /** The chooser of this match, if any, handed over once: the next match starts without it. */
    SharedChooser takeSharedChooser() {
        SharedChooser chooser = sharedChooser;
        sharedChooser = null;
        return chooser;
    }

    /**
     * Every matched subscription, node groups first, then chosen share-group members, in one array
     * reused by this scratch: valid for {@link #flatCount()} entries until the next clear.
     */
    public Subscription[] flatten() {
        int n = 0;
        for (int g = 0; g < groupCount; g++) {
            n += groups[g].length;
        }
        n += chosenCount;
        if (n > flat.length) {
            flat = new Subscription[Math.max(n, flat.length * 2)];
        }
        int at = 0;
        for (int g = 0; g < groupCount; g++) {
            System.arraycopy(groups[g], 0, flat, at, groups[g].length);
            at += groups[g].length;
        }
        System.arraycopy(chosen, 0, flat, at, chosenCount);
        flatCount = n;
        return flat;
    }

    public int flatCount() {
        return flatCount;
    }

    public void clear() {
        sharedChooser = null;
        Arrays.fill(flat, 0, flatCount, null);
        flatCount = 0;
        Arrays.fill(groups, 0, groupCount, null);
        Arrays.fill(chosen, 0, chosenCount, null);
        groupCount = 0;
        chosenCount = 0;
    }

    /** Number of matching filter nodes plus chosen share-group members. */
    public int sources() {
        return groupCount + chosenCount;
    }

    public int groupCount() {
        return groupCount;
    }

    /** The subscriptions of one matching node: read only. */
    public Subscription[] group(int index) {
        return groups[index];
    }

    public int chosenCount() {
        return chosenCount;
    }

    public Subscription chosen(int index) {
        return chosen[index];
    }
}
