package dev.iotcorelocal.events;

import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** versionNumber rules (spec §6.4) on manual time. */
class VersionNumbersTest {
    private final ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
    private final VersionNumbers versions = new VersionNumbers(time.clock());

    @Test
    void eachSuccessfulConnectCountsUpPerClientId() {
        assertThat(versions.connected("a")).isZero();
        versions.disconnected("a", 0);
        assertThat(versions.connected("a")).isEqualTo(1);
        assertThat(versions.connected("b")).as("another client ID has its own counter").isZero();
        assertThat(versions.connected("a")).as("a takeover while the first is connected").isEqualTo(2);
    }

    @Test
    void resetAfterAnHourWithoutConnectionNotBefore() {
        versions.connected("a");
        versions.disconnected("a", 0);
        time.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(versions.connected("a")).isEqualTo(1);
        versions.disconnected("a", 0);
        time.advance(Duration.ofHours(1));
        assertThat(versions.connected("a")).isZero();
    }

    @Test
    void aLongerSessionExpiryKeepsTheCounterUntilTheSessionWouldHaveEnded() {
        versions.connected("a");
        versions.disconnected("a", 7200);
        time.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(versions.connected("a")).isEqualTo(1);
        versions.disconnected("a", 7200);
        time.advance(Duration.ofHours(2));
        assertThat(versions.connected("a")).isZero();
    }

    @Test
    void noResetWhileAnotherConnectionOfTheClientIdIsLive() {
        versions.connected("a");
        versions.connected("a"); // took the first over
        versions.disconnected("a", 0); // the first ends; the second is live
        time.advance(Duration.ofHours(3));
        assertThat(versions.connected("a")).isEqualTo(2);
    }

    @Test
    void clientIdsPastTheirResetAreSweptSoTheTableStaysBounded() {
        for (int i = 0; i < 100; i++) {
            versions.connected("gone-" + i);
            versions.disconnected("gone-" + i, 0);
        }
        versions.connected("live");
        time.advance(Duration.ofHours(1).plusMinutes(11)); // past the reset and the next sweep
        versions.connected("trigger");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.connected("live")).isEqualTo(1);
    }
}
