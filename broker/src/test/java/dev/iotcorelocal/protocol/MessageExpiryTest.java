package dev.iotcorelocal.protocol;

import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One mechanism for PUBLISH and Will: AWS's clamp to [1, 604800] is what subscribers count down from. */
class MessageExpiryTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void zeroIsClampedToOneSecondInTheDeliveredPropertiesAndTheDeadline() {
        Message m = message(0L);
        assertThat(m.properties().messageExpiryInterval()).isEqualTo(1L);
        assertThat(m.expiresAt()).isEqualTo(NOW + 1_000);
    }

    @Test
    void aboveSevenDaysIsClampedToSevenDays() {
        Message m = message(700_000L);
        assertThat(m.properties().messageExpiryInterval()).isEqualTo(604_800L);
        assertThat(m.remainingExpirySeconds(NOW)).isEqualTo(604_800L);
    }

    @Test
    void withinRangeIsKeptAndAbsentNeverExpires() {
        assertThat(message(120L).remainingExpirySeconds(NOW + 4_200)).isEqualTo(115L);
        Message never = message(null);
        assertThat(never.expiresAt()).isEqualTo(Message.NEVER);
        assertThat(never.remainingExpirySeconds(NOW)).isNull();
    }

    private static Message message(Long expiry) {
        PublishProperties properties = expiry == null ? PublishProperties.EMPTY
                : PublishProperties.EMPTY.withMessageExpiry(expiry);
        return MessageExpiry.message("t", new byte[0], 1, false, properties, "c", NOW);
    }
}
