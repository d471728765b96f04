package dev.iotcorelocal.events;

import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** versionNumber rules (spec §6.4) on manual time. */
class VersionNumbersTest {
    private static final long NONE = -1;
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final VersionNumbers versions = new VersionNumbers(time.clock());

    @Test
    void eachSuccessfulConnectCountsUpPerClientId() {
        assertThat(versions.connected("a", NONE)).isZero();
        versions.disconnected("a", 0, 0);
        assertThat(versions.connected("a", NONE)).isEqualTo(1);
        assertThat(versions.connected("b", NONE)).as("another client ID has its own counter").isZero();
        assertThat(versions.connected("a", 1)).as("a takeover counts on from the connection it took over")
                .isEqualTo(2);
    }

    @Test
    void resetAfterAnHourWithoutConnectionNotBefore() {
        versions.connected("a", NONE);
        versions.disconnected("a", 0, 0);
        time.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(versions.connected("a", NONE)).isEqualTo(1);
        versions.disconnected("a", 1, 0);
        time.advance(Duration.ofHours(1));
        assertThat(versions.connected("a", NONE)).isZero();
    }

    @Test
    void aLongerSessionExpiryKeepsTheCounterUntilTheSessionWouldHaveEnded() {
        versions.connected("a", NONE);
        versions.disconnected("a", 0, 7200);
        time.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(versions.connected("a", NONE)).isEqualTo(1);
        versions.disconnected("a", 1, 7200);
        time.advance(Duration.ofHours(2));
        assertThat(versions.connected("a", NONE)).isZero();
    }

    @Test
    void noResetWhileConnectedHoweverLongAndALateReportNeverLowersTheNumber() {
        versions.connected("a", NONE);
        long second = versions.connected("a", 0); // took the first over
        versions.disconnected("a", 0, 0); // the first's end, reported after the takeover
        time.advance(Duration.ofHours(3)); // the second stays connected
        assertThat(versions.connected("a", second)).as("takes the second over").isEqualTo(2);
        versions.disconnected("a", 2, 0);
        versions.disconnected("a", 1, 0); // a stale report
        assertThat(versions.connected("a", NONE)).isEqualTo(3);
    }

    @Test
    void onlyOfflineClientIdsAreRememberedAndThosePastTheirResetAreSwept() {
        for (int i = 0; i < 100; i++) {
            versions.connected("gone-" + i, NONE);
            versions.disconnected("gone-" + i, 0, 0);
        }
        versions.connected("live", NONE);
        assertThat(versions.size()).as("a live connection holds its own number").isEqualTo(100);
        time.advance(Duration.ofHours(1).plusMinutes(11)); // past the reset and the next sweep
        versions.connected("trigger", NONE);
        assertThat(versions.size()).isZero();
    }
}
