package dev.iotcorelocal.protocol;

import dev.iotcorelocal.events.DisconnectReason;
import dev.iotcorelocal.limits.Limit;
import dev.iotcorelocal.limits.Violation;
import dev.iotcorelocal.packet.ReasonCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reason-coded ends the broker makes, each mapped to AWS's disconnectReason (spec §6.3). */
class DisconnectReasonsTest {

    @Test
    void reasonCodes() {
        assertThat(DisconnectReasons.of(ReasonCode.SESSION_TAKEN_OVER)).isEqualTo(DisconnectReason.DUPLICATE_CLIENTID);
        assertThat(DisconnectReasons.of(ReasonCode.KEEP_ALIVE_TIMEOUT)).isEqualTo(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT);
        assertThat(DisconnectReasons.of(ReasonCode.NOT_AUTHORIZED)).as("MQTT 5 DISCONNECT 0x87, e.g. a deactivated certificate")
                .isEqualTo(DisconnectReason.AUTH_ERROR);
        assertThat(DisconnectReasons.of(ReasonCode.QUOTA_EXCEEDED)).isEqualTo(DisconnectReason.THROTTLED);
        assertThat(DisconnectReasons.of(ReasonCode.SERVER_SHUTTING_DOWN))
                .isEqualTo(DisconnectReason.SERVER_INITIATED_DISCONNECT);
        assertThat(DisconnectReasons.of(ReasonCode.ADMINISTRATIVE_ACTION))
                .isEqualTo(DisconnectReason.API_INITIATED_DISCONNECT);
        assertThat(DisconnectReasons.of(ReasonCode.UNSPECIFIED_ERROR)).isEqualTo(DisconnectReason.SERVER_ERROR);
        for (ReasonCode clientError : new ReasonCode[] {ReasonCode.MALFORMED_PACKET, ReasonCode.PROTOCOL_ERROR,
                ReasonCode.PACKET_TOO_LARGE, ReasonCode.TOPIC_ALIAS_INVALID, ReasonCode.TOPIC_NAME_INVALID,
                ReasonCode.QOS_NOT_SUPPORTED, ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED}) {
            assertThat(DisconnectReasons.of(clientError)).as(clientError.name()).isEqualTo(DisconnectReason.CLIENT_ERROR);
        }
    }

    @Test
    void limitsShareQuotaExceededButSizesAreClientErrors() {
        assertThat(DisconnectReasons.of(new Violation(Limit.PUBLISH_RATE, ReasonCode.QUOTA_EXCEEDED, "")))
                .isEqualTo(DisconnectReason.THROTTLED);
        assertThat(DisconnectReasons.of(new Violation(Limit.SUBSCRIPTIONS_PER_CONNECTION, ReasonCode.QUOTA_EXCEEDED, "")))
                .isEqualTo(DisconnectReason.THROTTLED);
        assertThat(DisconnectReasons.of(new Violation(Limit.PAYLOAD_SIZE, ReasonCode.QUOTA_EXCEEDED, "")))
                .isEqualTo(DisconnectReason.CLIENT_ERROR);
        assertThat(DisconnectReasons.of(new Violation(Limit.RESERVED_TOPIC, ReasonCode.TOPIC_NAME_INVALID, "")))
                .isEqualTo(DisconnectReason.CLIENT_ERROR);
        assertThat(DisconnectReasons.of(new Violation(null, ReasonCode.NOT_AUTHORIZED, "denied")))
                .isEqualTo(DisconnectReason.AUTH_ERROR);
    }
}
