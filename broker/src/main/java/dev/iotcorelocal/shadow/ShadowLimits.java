package dev.iotcorelocal.shadow;

import java.time.Duration;

/** AWS's Device Shadow limits (spec Part A §A5) and the service's own bounds. */
public final class ShadowLimits {
    /** desired + reported after the merge, metadata excluded. */
    public static final int MAX_STATE_BYTES = 8 * 1024;
    /** Levels of a section counting the section itself as 1 (AWS: "maximum is 6"). */
    public static final int MAX_DEPTH = 6;
    public static final int MAX_CLIENT_TOKEN_BYTES = 64;
    /** Unanswered requests per thing before 429 (AWS quota: 10 in-flight per thing). */
    public static final int MAX_IN_FLIGHT_PER_THING = 10;
    /** Payload bytes waiting in all lanes before 429: bounds the memory a flood can take. */
    public static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;
    /** A deleted shadow's version lives on this long: re-created sooner, it continues the sequence. */
    public static final Duration VERSION_KEPT_AFTER_DELETE = Duration.ofHours(48);

    private ShadowLimits() {
    }
}
