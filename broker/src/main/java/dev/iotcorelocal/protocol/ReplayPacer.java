package dev.iotcorelocal.protocol;

/**
 * AWS IoT Core replays a resumed session's stored messages at no more than 10 per second. This
 * paces the first {@code backlog} deliveries of a resumed session to {@code perSecond} in each
 * one-second window; after the backlog, delivery is unpaced. Event-loop confined.
 */
final class ReplayPacer {
    private final int perSecond;
    private int remainingBacklog;
    private long windowStart;
    private boolean windowOpen;
    private int usedInWindow;

    ReplayPacer(int perSecond, int backlog) {
        this.perSecond = perSecond;
        this.remainingBacklog = backlog;
    }

    /** Null when pacing is off or there is nothing to replay. */
    static ReplayPacer forResume(int perSecond, int backlog) {
        return perSecond > 0 && backlog > 0 ? new ReplayPacer(perSecond, backlog) : null;
    }

    boolean tryAcquire(long nowMillis) {
        if (remainingBacklog <= 0) {
            return true;
        }
        if (!windowOpen || nowMillis - windowStart >= 1000) {
            windowOpen = true;
            windowStart = nowMillis;
            usedInWindow = 0;
        }
        if (usedInWindow >= perSecond) {
            return false;
        }
        usedInWindow++;
        remainingBacklog--;
        return true;
    }

    long millisUntilNextWindow(long nowMillis) {
        return Math.max(1, 1000 - (nowMillis - windowStart));
    }
}
