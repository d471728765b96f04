package dev.iotcorelocal.limits;

import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LimitChecksTest {
    private static final LimitsConfig AWS = LimitsConfig.aws();

    @Test
    void clientIdAtTheLimitPassesOneOverFails() {
        assertThat(LimitChecks.clientId("c".repeat(128), AWS)).isNull();
        Violation v = LimitChecks.clientId("c".repeat(129), AWS);
        assertThat(v.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(v.limit()).isEqualTo(Limit.CLIENT_ID_LENGTH);
        assertThat(LimitChecks.clientId("é".repeat(64), AWS)).as("128 UTF-8 bytes").isNull();
        assertThat(LimitChecks.clientId("é".repeat(65), AWS)).isNotNull();
        assertThat(LimitChecks.clientId("$thing", AWS).limit()).isEqualTo(Limit.CLIENT_ID_RESERVED);
        assertThat(LimitChecks.clientId("c".repeat(500), LimitsConfig.relaxed())).isNull();
    }

    @Test
    void aMessageIsCheckedForTopicReservedTopicsAndQuotasInTurn() {
        LimitsConfig smallPayload = new LimitsConfig(128, 256, 7, 1000, 8192, 256, 8, 50, 100, 524_288, 1, 5, true, 128, 20);
        byte[] payload = new byte[1001];
        assertThat(LimitChecks.message("t/" + "x".repeat(300), false, payload, PublishProperties.EMPTY, smallPayload)
                .limit()).as("topic first").isEqualTo(Limit.TOPIC_LENGTH);
        assertThat(LimitChecks.message("$aws/things/t/shadow/update/accepted", false, new byte[1], PublishProperties.EMPTY,
                AWS).limit()).isEqualTo(Limit.RESERVED_TOPIC);
        assertThat(LimitChecks.message("$aws/things/t/shadow/update", true, new byte[1], PublishProperties.EMPTY,
                AWS).limit()).isEqualTo(Limit.RETAIN_ON_RESERVED_TOPIC);
        Violation big = LimitChecks.message("t", false, payload, PublishProperties.EMPTY, smallPayload);
        assertThat(big.limit()).isEqualTo(Limit.PAYLOAD_SIZE);
        assertThat(big.reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        assertThat(LimitChecks.message("t", false, new byte[1000], PublishProperties.EMPTY, smallPayload)).isNull();
    }

    @Test
    void shareNamesAreCountedInCharactersUpTo128() {
        assertThat(LimitChecks.shareName("g".repeat(128), AWS)).isNull();
        assertThat(LimitChecks.shareName("\ud83d\ude00".repeat(128), AWS)).as("128 code points").isNull();
        Violation v = LimitChecks.shareName("g".repeat(129), AWS);
        assertThat(v.limit()).isEqualTo(Limit.SHARE_NAME_LENGTH);
        assertThat(v.reasonCode()).isEqualTo(ReasonCode.TOPIC_FILTER_INVALID);
        assertThat(LimitChecks.shareName("g".repeat(65_000), LimitsConfig.relaxed())).isNull();
    }

    @Test
    void topicLengthAndDepthAtTheLimit() {
        assertThat(LimitChecks.topicName("t".repeat(256), AWS)).isNull();
        assertThat(LimitChecks.topicName("t".repeat(257), AWS).reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(LimitChecks.topicName("a/b/c/d/e/f/g/h", AWS)).as("7 slashes").isNull();
        assertThat(LimitChecks.topicName("a/b/c/d/e/f/g/h/i", AWS).limit()).isEqualTo(Limit.TOPIC_DEPTH);
        assertThat(LimitChecks.topicName("$aws/rules/myRule/a/b/c/d/e/f/g/h", AWS)).as("Basic Ingest prefix not counted").isNull();
        assertThat(LimitChecks.topicFilter("a/b/c/d/e/f/g/#", AWS)).isNull();
        assertThat(LimitChecks.topicFilter("a/b/c/d/e/f/g/h/#", AWS).reasonCode()).isEqualTo(ReasonCode.TOPIC_FILTER_INVALID);
    }

    @Test
    void publishQuotasAtTheLimit() {
        assertThat(LimitChecks.publishQuotas(new byte[131_072], PublishProperties.EMPTY, AWS)).isNull();
        assertThat(LimitChecks.publishQuotas(new byte[131_073], PublishProperties.EMPTY, AWS).limit()).isEqualTo(Limit.PAYLOAD_SIZE);
        assertThat(LimitChecks.publishQuotas(new byte[0], userProperties(8192), AWS)).isNull();
        assertThat(LimitChecks.publishQuotas(new byte[0], userProperties(8193), AWS).limit()).isEqualTo(Limit.USER_PROPERTIES_SIZE);
        assertThat(LimitChecks.publishQuotas(new byte[0], contentType(256), AWS)).isNull();
        assertThat(LimitChecks.publishQuotas(new byte[0], contentType(257), AWS).reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
    }

    @ParameterizedTest(name = "publish {0}: {1}")
    @CsvSource({
            "a/b,                                     true",
            "$aws/things/car1/shadow/update,          true",
            "$aws/things/car1/shadow/name/s1/get,     true",
            "$aws/things/car1/shadow/update/accepted, false",
            "$aws/things/car1/jobs/job-7/update,      true",
            "$aws/rules/myRule/sensors/t,             true",
            "$aws/rules/,                             false",
            "$aws/events/presence/connected/c1,       false",
            "$aws/certificates/create/json,           true",
            "$SYS/broker/load,                        false",
            "$aws/anything,                           false",
    })
    void reservedTopicPublishRules(String topic, boolean allowed) {
        assertThat(ReservedTopics.canPublish(topic)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "subscribe {0}: {1}")
    @CsvSource({
            "a/#,                                       true",
            "$aws/things/car1/shadow/update/accepted,   true",
            "$aws/things/car1/shadow/update/#,          true",
            "$aws/things/+/shadow/+/accepted,           true",
            "$aws/events/presence/connected/+,          true",
            "$aws/rules/myRule/#,                       false",
            "$aws/things/car1/defender/metrics/json/accepted, true",
            "$SYS/#,                                    false",
            "$aws/things/car1/unknown,                  false",
    })
    void reservedTopicSubscribeRules(String filter, boolean allowed) {
        assertThat(ReservedTopics.canSubscribe(filter)).isEqualTo(allowed);
    }

    @Test
    void publishRateAllowsExactlyNInAnyOneSecondWindow() {
        PublishRateLimiter limiter = new PublishRateLimiter(100);
        long t = 1_000_000;
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(t + i * 5)).isTrue(); // 100 within 0.5 s
        }
        assertThat(limiter.tryAcquire(t + 600)).isFalse();
        assertThat(limiter.tryAcquire(t + 999)).isFalse();
        assertThat(limiter.tryAcquire(t + 1000)).as("the first one left the window").isTrue();
        assertThat(limiter.tryAcquire(t + 1001)).isFalse();
        assertThat(limiter.tryAcquire(t + 1005)).isTrue();
    }

    @Test
    void afterIdlingNoBurstAboveTheRate() {
        PublishRateLimiter limiter = new PublishRateLimiter(100);
        int accepted = 0;
        for (int i = 0; i < 150; i++) {
            if (limiter.tryAcquire(5_000_000 + i * 3)) { // 150 attempts in 0.45 s
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(100);
    }

    @Test
    void connectRateAllowsABurstThenOnePerSecondPerClientId() {
        ConnectRateLimiter limiter = new ConnectRateLimiter(1, 5);
        long t = 10_000;
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("car", t)).isTrue();
        }
        assertThat(limiter.tryAcquire("car", t)).isFalse();
        assertThat(limiter.tryAcquire("other", t)).as("per client ID").isTrue();
        assertThat(limiter.tryAcquire("car", t + 999)).isFalse();
        assertThat(limiter.tryAcquire("car", t + 1000)).isTrue();
    }

    private static PublishProperties userProperties(int bytes) {
        return new PublishProperties(null, null, 0, null, null,
                List.of(new UserProperty("k", "v".repeat(bytes - 1))), List.of(), null);
    }

    private static PublishProperties contentType(int bytes) {
        return new PublishProperties(null, null, 0, null, null, List.of(), List.of(), "c".repeat(bytes));
    }
}
