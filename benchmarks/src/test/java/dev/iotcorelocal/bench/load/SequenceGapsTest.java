package dev.iotcorelocal.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Run-ahead slots freed per arrival: each message's slot exactly once, dropped ones when the gap shows. */
class SequenceGapsTest {
    private final SequenceGaps gaps = new SequenceGaps();

    @Test
    void inOrderArrivalsFreeOneSlotEach() {
        assertThat(gaps.arrived(0, 1)).isEqualTo(1);
        assertThat(gaps.arrived(0, 2)).isEqualTo(1);
        assertThat(gaps.arrived(1, 1)).as("publishers are tracked apart").isEqualTo(1);
    }

    @Test
    void aJumpFreesTheSkippedMessagesWithTheArrivingOne() {
        gaps.arrived(3, 1);
        assertThat(gaps.arrived(3, 5)).as("2, 3 and 4 were dropped").isEqualTo(4);
        assertThat(gaps.arrived(20, 3)).as("first seen at 3: 1 and 2 dropped; more publishers than first sized for").isEqualTo(3);
    }

    @Test
    void aLateOrRepeatedMessageFreesNothingMore() {
        gaps.arrived(0, 1);
        gaps.arrived(0, 4);
        assertThat(gaps.arrived(0, 3)).as("late: freed with the jump").isZero();
        assertThat(gaps.arrived(0, 4)).as("repeated").isZero();
        assertThat(gaps.arrived(0, 5)).isEqualTo(1);
    }

    @Test
    void anUnstampedMessageFreesItsOwnSlot() {
        assertThat(gaps.arrived(-1, 0)).isEqualTo(1);
    }
}
