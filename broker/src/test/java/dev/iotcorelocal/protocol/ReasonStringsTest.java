package dev.iotcorelocal.protocol;

import dev.iotcorelocal.packet.PacketType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonStringsTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void awsFormatWithARandomVersion4Id() {
        String reason = ReasonStrings.of(PacketType.DISCONNECT, "Topic alias is out of range.");
        assertThat(reason).matches("DISCONNECT:Topic alias is out of range\\.:" + UUID_PATTERN);
    }

    @Test
    void aTextQuotingAHugeTopicIsCutToFitAnMqttStringAndKeepsTheId() {
        String topic = "\u00e9".repeat(40_000) + "\ud83d\ude00".repeat(10_000); // 2- and 4-byte characters
        String reason = ReasonStrings.of(PacketType.PUBACK, topic);
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length).isLessThanOrEqualTo(65_535).isGreaterThan(65_535 - 4);
        assertThat(reason).startsWith("PUBACK:\u00e9\u00e9").matches("(?s).*:" + UUID_PATTERN);
        assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(reason); // no surrogate cut in half
    }

    @Test
    void idsAreVersion4IetfVariantAndDistinct() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID id = RandomIds.uuid();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(1000);
    }
}
