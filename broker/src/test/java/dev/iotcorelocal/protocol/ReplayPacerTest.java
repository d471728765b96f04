package dev.iotcorelocal.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPacerTest {

    @Test
    void pacesTheBacklogPerOneSecondWindowThenStopsPacing() {
        ReplayPacer pacer = new ReplayPacer(10, 15);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < 10; i++) {
            assertThat(pacer.tryAcquire(t)).isTrue();
        }
        assertThat(pacer.tryAcquire(t + 999)).isFalse();
        assertThat(pacer.millisUntilNextWindow(t + 400)).isEqualTo(600);
        for (int i = 0; i < 5; i++) {
            assertThat(pacer.tryAcquire(t + 1000)).isTrue();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(pacer.tryAcquire(t + 1000)).as("backlog replayed: live traffic is not paced").isTrue();
        }
    }

    @Test
    void noPacerWhenOffOrNothingToReplay() {
        assertThat(ReplayPacer.forResume(0, 100)).isNull();
        assertThat(ReplayPacer.forResume(10, 0)).isNull();
    }
}
