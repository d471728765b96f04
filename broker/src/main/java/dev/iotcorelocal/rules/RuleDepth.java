package dev.iotcorelocal.rules;

/**
 * How many republishes deep the message a rules thread is working on is: 0 for a device's
 * message, 1 for a rule's republish of it, ... A republish routes on the rules thread that ran
 * the action, so the tap reads the depth of the message that caused the new one right there.
 */
final class RuleDepth {
    private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[1]);

    private RuleDepth() {
    }

    static int current() {
        return CURRENT.get()[0];
    }

    /** Runs {@code work} as work on a message {@code depth} republishes deep. */
    static void run(int depth, Runnable work) {
        int[] slot = CURRENT.get();
        int before = slot[0];
        slot[0] = depth;
        try {
            work.run();
        } finally {
            slot[0] = before;
        }
    }
}
