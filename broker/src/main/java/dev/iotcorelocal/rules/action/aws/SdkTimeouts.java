package dev.iotcorelocal.rules.action.aws;

import java.time.Duration;

/**
 * How long an SDK action may take: to connect, per attempt (the SDK retries throttling and 5xx
 * answers), and in all. Bounded so a silent endpoint fails the action (and runs the error action)
 * instead of holding it forever.
 */
public record SdkTimeouts(Duration connect, Duration attempt, Duration call) {
    public static final SdkTimeouts DEFAULT =
            new SdkTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(15));
}
