package dev.iotcorelocal.shadow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.iotcorelocal.shadow.ShadowFixture.assertJson;
import static dev.iotcorelocal.shadow.ShadowFixture.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules around AWS's examples: refusals with AWS's texts, versions, limits, key order, delta edge cases. */
class ShadowEngineRulesTest {
    private static final ShadowKey LAMP = ShadowKey.classic("lamp");
    private final ShadowFixture f = new ShadowFixture();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "not json                                         | Invalid JSON",
            "[1,2]                                            | Invalid JSON",
            "'{\"state\":{}} trailing'                        | Invalid JSON",
            "'{\"desired\":{\"a\":1}}'                        | Missing required node: state",
            "'{\"state\":\"on\"}'                             | State node must be an object",
            "'{\"state\":{\"desired\":[1]}}'                  | Desired node must be an object",
            "'{\"state\":{\"reported\":7}}'                   | Reported node must be an object",
            "'{\"state\":{\"delta\":{\"a\":1}}}'              | State contains an invalid node",
            "'{\"state\":{\"desired\":{\"c\":[null,\"RED\"]}}}' | State contains an invalid node",
            "'{\"state\":{},\"version\":\"3\"}'               | Invalid version",
            "'{\"state\":{},\"version\":1.5}'                 | Invalid version",
            "'{\"state\":{},\"version\":-1}'                  | Invalid version",
            "'{\"state\":{},\"clientToken\":7}'               | Invalid clientToken",
    })
    void malformedUpdatesAreRejectedWith400AndAwsText(String payload, String message) {
        ShadowResult result = f.update(LAMP, payload);
        assertThat(result.accepted()).isFalse();
        assertThat(tree(result.response()).path("code").isInt()).as("code is an integer").isTrue();
        assertThat(tree(result.response()).path("code").intValue()).isEqualTo(400);
        assertThat(tree(result.response()).path("message").textValue()).isEqualTo(message);
        assertThat(f.get(LAMP, "").rejection().code()).as("nothing was stored").isEqualTo(404);
    }

    @Test
    void emptyPayloadIsInvalidJson() {
        assertThat(f.update(LAMP, "").rejection().getMessage()).isEqualTo("Invalid JSON");
    }

    @Test
    void invalidUtf8Is415() {
        byte[] payload = {'{', '"', 's', 't', 'a', 't', 'e', '"', ':', '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':',
                '1', '}', '}'};
        ShadowResult result = f.engine.handle(LAMP, ShadowOperation.UPDATE, payload);
        assertThat(result.rejection().code()).isEqualTo(415);
        assertThat(result.rejection().getMessage())
                .isEqualTo("Unsupported documented encoding; supported encoding is UTF-8");
    }

    @Test
    void clientTokenOf64BytesIsEchoed65IsRefusedAndAValidTokenIsEchoedOnOtherRefusals() {
        String ok = "t".repeat(64);
        assertThat(tree(f.update(LAMP, "{\"state\":{},\"clientToken\":\"" + ok + "\"}").response())
                .path("clientToken").textValue()).isEqualTo(ok);
        ShadowResult tooLong = f.update(LAMP, "{\"state\":{},\"clientToken\":\"" + "t".repeat(65) + "\"}");
        assertThat(tooLong.rejection().getMessage()).isEqualTo("Invalid clientToken");
        assertThat(tree(tooLong.response()).has("clientToken")).isFalse();
        ShadowResult missingState = f.update(LAMP, "{\"clientToken\":\"abc\"}");
        assertJson(missingState.response(), "{\"code\":400,\"message\":\"Missing required node: state\","
                + "\"timestamp\":1591140517,\"clientToken\":\"abc\"}");
    }

    @Test
    void depthSixIsAcceptedSevenIsRefused() {
        String six = "{\"state\":{\"desired\":{\"one\":{\"two\":{\"three\":{\"four\":{\"five\":{\"x\":1}}}}}}}}";
        assertThat(f.update(LAMP, six).accepted()).as("AWS's own example: five levels below desired").isTrue();
        String arrayAtSeven = "{\"state\":{\"reported\":{\"one\":{\"two\":{\"three\":{\"four\":{\"five\":{\"x\":[1]}}}}}}}}";
        ShadowResult refused = f.update(LAMP, arrayAtSeven);
        assertThat(refused.rejection().getMessage())
                .isEqualTo("JSON contains too many levels of nesting; maximum is 6");
    }

    @Test
    void stateOver8KibAfterTheMergeIs413AndLeavesTheShadowAsItWas() {
        // {"reported":{"a":"...","b":"..."}} : 8192 bytes exactly is allowed
        String a = "x".repeat(4000);
        assertThat(f.update(LAMP, "{\"state\":{\"reported\":{\"a\":\"" + a + "\"}}}").accepted()).isTrue();
        int fixed = "{\"reported\":{\"a\":\"\",\"b\":\"\"}}".length() + a.length();
        String fits = "y".repeat(8192 - fixed);
        assertThat(f.update(LAMP, "{\"state\":{\"reported\":{\"b\":\"" + fits + "\"}}}").accepted()).isTrue();
        ShadowResult over = f.update(LAMP, "{\"state\":{\"reported\":{\"b\":\"" + fits + "y\"}},\"clientToken\":\"k\"}");
        assertJson(over.response(), "{\"code\":413,\"message\":\"The payload exceeds the maximum size allowed\","
                + "\"timestamp\":1591140517,\"clientToken\":\"k\"}");
        assertThat(tree(f.get(LAMP, "").response()).path("version").intValue()).isEqualTo(2);
    }

    @Test
    void versionContinuesAcrossDeleteAndRestartsAfter48Hours() {
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":1}}}");
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":2}}}");
        f.delete(LAMP, "");
        assertThat(f.update(LAMP, "{\"state\":{},\"version\":1}").rejection().code())
                .as("the deleted shadow's version still counts").isEqualTo(409);
        ShadowResult recreated = f.update(LAMP, "{\"state\":{\"reported\":{\"a\":3}},\"version\":2}");
        assertThat(tree(recreated.response()).path("version").intValue()).isEqualTo(3);
        assertThat(tree(recreated.documents()).has("previous")).as("a re-created shadow has no previous").isFalse();

        f.delete(LAMP, "");
        f.time.advance(Duration.ofHours(48).minusSeconds(1));
        assertThat(tree(f.update(LAMP, "{\"state\":{}}").response()).path("version").intValue()).isEqualTo(4);
        f.delete(LAMP, "");
        f.time.advance(Duration.ofHours(48));
        assertThat(tree(f.update(LAMP, "{\"state\":{}}").response()).path("version").intValue())
                .as("48 hours after delete the version starts over").isEqualTo(1);
    }

    @Test
    void aNewShadowStartsAtVersion1AndAcceptsVersion0AsItsCurrentVersion() {
        assertThat(f.update(LAMP, "{\"state\":{},\"version\":1}").rejection().code()).isEqualTo(409);
        assertThat(tree(f.update(LAMP, "{\"state\":{},\"version\":0}").response()).path("version").intValue())
                .isEqualTo(1);
    }

    @Test
    void stateNullClearsBothSectionsKeepsTheShadowAndBumpsTheVersion() {
        f.update(LAMP, "{\"state\":{\"desired\":{\"a\":1},\"reported\":{\"b\":2}}}");
        ShadowResult cleared = f.update(LAMP, "{\"state\":null}");
        assertJson(cleared.response(), "{\"state\":{},\"metadata\":{},\"version\":2,\"timestamp\":1591140517}");
        assertJson(f.get(LAMP, "").response(), "{\"state\":{},\"metadata\":{},\"version\":2,\"timestamp\":1591140517}");
    }

    @Test
    void storedKeysKeepTheirPositionNewKeysFollowInRequestOrderAndDesiredComesFirst() {
        f.update(LAMP, "{\"state\":{\"reported\":{\"zeta\":1,\"alpha\":{\"y\":1,\"x\":2},\"mid\":3}}}");
        f.update(LAMP, "{\"state\":{\"reported\":{\"new2\":1,\"alpha\":{\"x\":9,\"w\":0},\"zeta\":5,\"new1\":2}}}");
        f.update(LAMP, "{\"state\":{\"desired\":{\"b\":1,\"a\":1}}}");
        assertThat(new String(f.get(LAMP, "").response(), StandardCharsets.UTF_8)).startsWith(
                "{\"state\":{\"desired\":{\"b\":1,\"a\":1},\"reported\":{\"zeta\":5,\"alpha\":{\"y\":1,\"x\":9,"
                        + "\"w\":0},\"mid\":3,\"new2\":1,\"new1\":2},\"delta\":{\"b\":1,\"a\":1}},\"metadata\":"
                        + "{\"desired\":{\"b\"");
    }

    @Test
    void numbersKeepTheirWrittenFormAndCompareByValueInTheDelta() {
        ShadowResult result = f.update(LAMP, "{\"state\":{\"desired\":{\"t\":1.0,\"u\":2.50,\"v\":1},"
                + "\"reported\":{\"t\":1,\"u\":2.5,\"v\":2}}}");
        assertThat(new String(result.delta(), StandardCharsets.UTF_8)).contains("\"state\":{\"v\":1}");
        assertThat(new String(f.get(LAMP, "").response(), StandardCharsets.UTF_8))
                .contains("\"desired\":{\"t\":1.0,\"u\":2.50,\"v\":1}");
    }

    @Test
    void deltaCopiesArraysAndTypeMismatchesWholeAndKeepsKeysDeletedFromReported() {
        f.update(LAMP, "{\"state\":{\"desired\":{\"list\":[1,2],\"obj\":{\"a\":1},\"gone\":\"x\"},"
                + "\"reported\":{\"list\":[1,3],\"obj\":5,\"gone\":\"x\"}}}");
        ShadowResult removed = f.update(LAMP, "{\"state\":{\"reported\":{\"gone\":null}}}");
        assertThat(removed.delta()).as("a reported-only update publishes no delta").isNull();
        assertJson(f.get(LAMP, "").response(), "{\"state\":{\"desired\":{\"list\":[1,2],\"obj\":{\"a\":1},"
                + "\"gone\":\"x\"},\"reported\":{\"list\":[1,3],\"obj\":5},\"delta\":{\"list\":[1,2],\"obj\":{\"a\":1},"
                + "\"gone\":\"x\"}},\"metadata\":{\"desired\":{\"list\":[{\"timestamp\":1591140517},{\"timestamp\":"
                + "1591140517}],\"obj\":{\"a\":{\"timestamp\":1591140517}},\"gone\":{\"timestamp\":1591140517}},"
                + "\"reported\":{\"list\":[{\"timestamp\":1591140517},{\"timestamp\":1591140517}],\"obj\":"
                + "{\"timestamp\":1591140517}},\"delta\":{\"list\":[{\"timestamp\":1591140517},{\"timestamp\":"
                + "1591140517}],\"obj\":{\"a\":{\"timestamp\":1591140517}},\"gone\":{\"timestamp\":1591140517}}},"
                + "\"version\":2,\"timestamp\":1591140517}");
    }

    @Test
    void anArrayOfObjectsGetsOneMetadataTreePerElement() {
        ShadowResult result = f.update(LAMP, "{\"state\":{\"reported\":{\"lamps\":[{\"on\":true},[1]]}}}");
        assertJson(result.response(), "{\"state\":{\"reported\":{\"lamps\":[{\"on\":true},[1]]}},\"metadata\":"
                + "{\"reported\":{\"lamps\":[{\"on\":{\"timestamp\":1591140517}},[{\"timestamp\":1591140517}]]}},"
                + "\"version\":1,\"timestamp\":1591140517}");
    }

    @Test
    void anObjectEmptiedByNullsIsRemovedAndSoIsTheSection() {
        f.update(LAMP, "{\"state\":{\"desired\":{\"light\":{\"on\":true}},\"reported\":{\"x\":1}}}");
        f.update(LAMP, "{\"state\":{\"desired\":{\"light\":{\"on\":null}}}}");
        assertJson(f.get(LAMP, "").response(), "{\"state\":{\"reported\":{\"x\":1}},\"metadata\":{\"reported\":"
                + "{\"x\":{\"timestamp\":1591140517}}},\"version\":2,\"timestamp\":1591140517}");
    }

    @Test
    void laterMetadataTimestampsOnlyChangeForTheLeavesUpdated() {
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":1,\"b\":{\"c\":1,\"d\":1}}}}");
        f.at(1591140600);
        f.update(LAMP, "{\"state\":{\"reported\":{\"b\":{\"d\":2}}}}");
        assertJson(f.get(LAMP, "").response(), "{\"state\":{\"reported\":{\"a\":1,\"b\":{\"c\":1,\"d\":2}}},"
                + "\"metadata\":{\"reported\":{\"a\":{\"timestamp\":1591140517},\"b\":{\"c\":{\"timestamp\":"
                + "1591140517},\"d\":{\"timestamp\":1591140600}}}},\"version\":2,\"timestamp\":1591140600}");
    }

    @Test
    void updatesDoNotChangeAnEarlierDocumentsSnapshot() {
        ShadowResult first = f.update(LAMP, "{\"state\":{\"reported\":{\"a\":{\"b\":1}}}}");
        byte[] before = f.get(LAMP, "").response();
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":{\"b\":2,\"c\":3}}}}");
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":{\"b\":null}}}}");
        ShadowResult third = f.update(LAMP, "{\"state\":{\"reported\":{\"z\":0}}}");
        assertThat(first.accepted()).isTrue();
        assertThat(tree(third.documents()).path("previous").path("state").path("reported").toString())
                .isEqualTo("{\"a\":{\"c\":3}}");
        assertThat(tree(before).path("state").path("reported").toString()).isEqualTo("{\"a\":{\"b\":1}}");
    }

    @Test
    void getAndDeleteEchoAClientTokenFromAJsonPayloadAndIgnoreAnyOtherPayload() {
        f.update(LAMP, "{\"state\":{\"reported\":{\"a\":1}}}");
        assertThat(tree(f.get(LAMP, "{\"clientToken\":\"g1\"}").response()).path("clientToken").textValue())
                .isEqualTo("g1");
        assertThat(f.get(LAMP, "garbage").accepted()).isTrue();
        assertJson(f.delete(LAMP, "{\"clientToken\":\"d1\"}").response(),
                "{\"version\":1,\"timestamp\":1591140517,\"clientToken\":\"d1\"}");
    }
}
