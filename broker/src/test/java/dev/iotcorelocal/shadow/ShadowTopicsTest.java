package dev.iotcorelocal.shadow;

import dev.iotcorelocal.limits.ReservedTopics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ShadowTopicsTest {

    @ParameterizedTest
    @CsvSource({
            "$aws/things/lamp/shadow/get, lamp, , GET",
            "$aws/things/lamp/shadow/update, lamp, , UPDATE",
            "$aws/things/lamp:1_a-b/shadow/delete, lamp:1_a-b, , DELETE",
            "$aws/things/lamp/shadow/name/$main_1/update, lamp, $main_1, UPDATE",
            "$aws/things/lamp/shadow/name/get/get, lamp, get, GET",
    })
    void requestTopicsNameTheShadowAndOperation(String topic, String thing, String shadow, ShadowOperation op) {
        ShadowTopics.Request request = ShadowTopics.parse(topic);
        assertThat(request).isEqualTo(new ShadowTopics.Request(new ShadowKey(thing, shadow), op));
        assertThat(ReservedTopics.canPublish(topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/lamp/shadow/update/accepted", "$aws/things/lamp/shadow/get/rejected",
            "$aws/things/lamp/shadow/update/delta", "$aws/things/lamp/shadow/name/n/update/documents",
            "$aws/things/lamp/shadow", "$aws/things/lamp/shadow/name/n", "$aws/things/lamp/shadow/list",
            "$aws/things/lamp/jobs/get", "things/lamp/shadow/get"})
    void otherTopicsAreNoRequests(String topic) {
        assertThat(ShadowTopics.parse(topic)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$aws/things/bad name/shadow/update", "$aws/things/lamp$/shadow/get",
            "$aws/things/lamp/shadow/name/bad.name/get", "$aws/things/lamp/shadow/name//get"})
    void invalidThingOrShadowNamesAreNoRequestsAndTheBrokerRefusesThem(String topic) {
        assertThat(ShadowTopics.parse(topic)).isNull();
        assertThat(ReservedTopics.canPublish(topic)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void namesAtTheirLimitsAreRequestsOneMoreIsRefused() {
        String thing = "t".repeat(128);
        String shadow = "s".repeat(64);
        assertThat(ShadowTopics.parse("$aws/things/" + thing + "/shadow/name/" + shadow + "/get")).isNotNull();
        assertThat(ReservedTopics.canPublish("$aws/things/" + thing + "t/shadow/get")).isFalse();
        assertThat(ReservedTopics.canPublish("$aws/things/" + thing + "/shadow/name/" + shadow + "s/get")).isFalse();
    }
}
