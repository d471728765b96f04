package dev.iotcorelocal.shadow;

import org.junit.jupiter.api.Test;

import static dev.iotcorelocal.shadow.ShadowFixture.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * AWS's own example documents (spec Part A, SV-1 to SV-10), request by request: every accepted,
 * delta, documents and get answer equal to AWS's after parsing, keys in AWS's order.
 */
class ShadowEngineVectorsTest {
    private static final ShadowKey SIM = ShadowKey.named("mySimulatedThing", "simShadow1");
    private static final String DEVICE_TOKEN = "426bfd96-e720-46d3-95cd-014e3ef12bb6";
    private static final String APP_TOKEN = "21b21b21-bfd2-4279-8c65-e2f697ff4fab";
    private static final String REPORT_TOKEN = "a4dc2227-9213-4c6a-a6a5-053304f60258";
    private final ShadowFixture f = new ShadowFixture();

    @Test
    void sv1GetOfANamedShadowNotYetCreatedIsRejectedWith404AndTheQuotedName() {
        ShadowResult result = f.get(SIM, "");
        assertThat(result.accepted()).isFalse();
        assertJson(result.response(),
                "{\"code\":404,\"message\":\"No shadow exists with name: 'simShadow1'\",\"timestamp\":1591140517}");
    }

    @Test
    void classicShadowNotFoundQuotesTheThingName() {
        assertJson(f.get(ShadowKey.classic("My_IoT_Thing"), "").response(),
                "{\"code\":404,\"message\":\"No shadow exists with name: 'My_IoT_Thing'\",\"timestamp\":1591140517}");
    }

    @Test
    void sv2ToSv4TheSimulatedLampTranscript() {
        String create = "{\"state\":{\"reported\":{\"ID\":\"SmartLamp21\",\"ColorRGB\":[128,128,128]}},"
                + "\"clientToken\":\"" + DEVICE_TOKEN + "\"}";
        f.update(SIM, create);
        f.update(SIM, create);
        ShadowResult third = f.update(SIM, create);
        assertThat(third.delta()).as("no desired state, no delta").isNull();

        // SV-2: the document as /get/accepted returns it (version 3 in AWS's run)
        assertJson(f.get(SIM, "{\"clientToken\":\"" + DEVICE_TOKEN + "\"}").response(),
                "{\"state\":{\"reported\":{\"ID\":\"SmartLamp21\",\"ColorRGB\":[128,128,128]}},"
                        + "\"metadata\":{\"reported\":{\"ID\":{\"timestamp\":1591140517},\"ColorRGB\":[{\"timestamp\":"
                        + "1591140517},{\"timestamp\":1591140517},{\"timestamp\":1591140517}]}},"
                        + "\"version\":3,\"timestamp\":1591140517,\"clientToken\":\"" + DEVICE_TOKEN + "\"}");

        // SV-3: the app sets desired: update/accepted and update/delta
        f.at(1591141596);
        ShadowResult desired = f.update(SIM, "{\"state\":{\"desired\":{\"ColorRGB\":[255,255,0]}},"
                + "\"clientToken\":\"" + APP_TOKEN + "\"}");
        assertJson(desired.response(), "{\"state\":{\"desired\":{\"ColorRGB\":[255,255,0]}},"
                + "\"metadata\":{\"desired\":{\"ColorRGB\":[{\"timestamp\":1591141596},{\"timestamp\":1591141596},"
                + "{\"timestamp\":1591141596}]}},\"version\":4,\"timestamp\":1591141596,\"clientToken\":\""
                + APP_TOKEN + "\"}");
        assertJson(desired.delta(), "{\"version\":4,\"timestamp\":1591141596,\"state\":{\"ColorRGB\":[255,255,0]},"
                + "\"metadata\":{\"ColorRGB\":[{\"timestamp\":1591141596},{\"timestamp\":1591141596},"
                + "{\"timestamp\":1591141596}]},\"clientToken\":\"" + APP_TOKEN + "\"}");

        // SV-4: the device reports: accepted, documents, and no delta (desired == reported)
        f.at(1591142747);
        ShadowResult reported = f.update(SIM, "{\"state\":{\"reported\":{\"ColorRGB\":[255,255,0]}},"
                + "\"clientToken\":\"" + REPORT_TOKEN + "\"}");
        assertJson(reported.response(), "{\"state\":{\"reported\":{\"ColorRGB\":[255,255,0]}},"
                + "\"metadata\":{\"reported\":{\"ColorRGB\":[{\"timestamp\":1591142747},{\"timestamp\":1591142747},"
                + "{\"timestamp\":1591142747}]}},\"version\":5,\"timestamp\":1591142747,\"clientToken\":\""
                + REPORT_TOKEN + "\"}");
        assertThat(reported.delta()).isNull();
        String previous = "{\"state\":{\"desired\":{\"ColorRGB\":[255,255,0]},\"reported\":{\"ID\":\"SmartLamp21\","
                + "\"ColorRGB\":[128,128,128]}},\"metadata\":{\"desired\":{\"ColorRGB\":[{\"timestamp\":1591141596},"
                + "{\"timestamp\":1591141596},{\"timestamp\":1591141596}]},\"reported\":{\"ID\":{\"timestamp\":"
                + "1591140517},\"ColorRGB\":[{\"timestamp\":1591140517},{\"timestamp\":1591140517},{\"timestamp\":"
                + "1591140517}]}},\"version\":4}";
        String currentState = "\"state\":{\"desired\":{\"ColorRGB\":[255,255,0]},\"reported\":{\"ID\":\"SmartLamp21\","
                + "\"ColorRGB\":[255,255,0]}},\"metadata\":{\"desired\":{\"ColorRGB\":[{\"timestamp\":1591141596},"
                + "{\"timestamp\":1591141596},{\"timestamp\":1591141596}]},\"reported\":{\"ID\":{\"timestamp\":"
                + "1591140517},\"ColorRGB\":[{\"timestamp\":1591142747},{\"timestamp\":1591142747},{\"timestamp\":"
                + "1591142747}]}}";
        assertJson(reported.documents(), "{\"previous\":" + previous + ",\"current\":{" + currentState
                + ",\"version\":5},\"timestamp\":1591142747,\"clientToken\":\"" + REPORT_TOKEN + "\"}");

        // A later GetThingShadow: current, version 5, no delta key
        f.at(1591143269);
        assertJson(f.get(SIM, "").response(), "{" + currentState + ",\"version\":5,\"timestamp\":1591143269}");
    }

    @Test
    void sv5FlatDeltaHasTheDesiredValuesReportedLacksOrDiffersOnWithTheirDesiredMetadata() {
        ShadowResult result = f.update(SIM, "{\"state\":{\"desired\":{\"color\":\"RED\",\"state\":\"STOP\"},"
                + "\"reported\":{\"color\":\"GREEN\",\"engine\":\"ON\"}}}");
        assertJson(result.delta(), "{\"version\":1,\"timestamp\":1591140517,\"state\":{\"color\":\"RED\","
                + "\"state\":\"STOP\"},\"metadata\":{\"color\":{\"timestamp\":1591140517},"
                + "\"state\":{\"timestamp\":1591140517}}}");
    }

    @Test
    void sv6NestedDeltaKeepsThePathToTheDifferingLeafOnly() {
        ShadowResult result = f.update(SIM, "{\"state\":{\"desired\":{\"lights\":{\"color\":{\"r\":255,\"g\":255,"
                + "\"b\":255}}},\"reported\":{\"lights\":{\"color\":{\"r\":255,\"g\":0,\"b\":255}}}}}");
        assertJson(result.delta(), "{\"version\":1,\"timestamp\":1591140517,\"state\":{\"lights\":{\"color\":"
                + "{\"g\":255}}},\"metadata\":{\"lights\":{\"color\":{\"g\":{\"timestamp\":1591140517}}}}}");
    }

    @Test
    void sv7VersionConflictIs409AndTheCurrentVersionIsAccepted() {
        f.update(SIM, "{\"state\":{\"desired\":{\"colors\":[\"RED\",\"GREEN\",\"BLUE\"]}}}");
        for (int i = 2; i <= 10; i++) {
            f.update(SIM, "{\"state\":{}}");
        }
        ShadowResult conflict = f.update(SIM, "{\"state\":{\"desired\":{\"colors\":[\"BLUE\"]}},\"version\":9,"
                + "\"clientToken\":\"" + DEVICE_TOKEN + "\"}");
        assertThat(conflict.rejection().code()).isEqualTo(409);
        assertJson(conflict.response(), "{\"code\":409,\"message\":\"Version conflict\",\"timestamp\":1591140517,"
                + "\"clientToken\":\"" + DEVICE_TOKEN + "\"}");

        ShadowResult accepted = f.update(SIM, "{\"state\":{\"desired\":{\"colors\":[\"BLUE\"]}},\"version\":10}");
        assertThat(accepted.accepted()).isTrue();
        assertJson(f.get(SIM, "").response(), "{\"state\":{\"desired\":{\"colors\":[\"BLUE\"]},\"delta\":{\"colors\":"
                + "[\"BLUE\"]}},\"metadata\":{\"desired\":{\"colors\":[{\"timestamp\":1591140517}]},\"delta\":{"
                + "\"colors\":[{\"timestamp\":1591140517}]}},\"version\":11,\"timestamp\":1591140517}");
    }

    @Test
    void sv8DeleteAnswersTheDeletedVersionAndTimestamp() {
        for (int i = 0; i < 4; i++) {
            f.update(SIM, "{\"state\":{\"reported\":{\"on\":true}}}");
        }
        f.at(1591057529 + 1_000_000);
        ShadowResult deleted = f.delete(SIM, "");
        assertJson(deleted.response(), "{\"version\":4,\"timestamp\":" + (1591057529 + 1_000_000) + "}");
        assertThat(f.get(SIM, "").rejection().code()).isEqualTo(404);
        assertThat(f.delete(SIM, "").rejection().code()).as("deleting twice").isEqualTo(404);
    }

    @Test
    void sv9ANullPropertyIsRemovedAndEchoedAsNullWithItsTimestamp() {
        f.update(SIM, "{\"state\":{\"desired\":{\"engine\":\"ON\",\"color\":\"RED\"}}}");
        ShadowResult result = f.update(SIM, "{\"state\":{\"desired\":{\"engine\":null}}}");
        assertJson(result.response(), "{\"state\":{\"desired\":{\"engine\":null}},\"metadata\":{\"desired\":"
                + "{\"engine\":{\"timestamp\":1591140517}}},\"version\":2,\"timestamp\":1591140517}");
        assertJson(f.get(SIM, "").response(), "{\"state\":{\"desired\":{\"color\":\"RED\"},\"delta\":{\"color\":"
                + "\"RED\"}},\"metadata\":{\"desired\":{\"color\":{\"timestamp\":1591140517}},\"delta\":{\"color\":"
                + "{\"timestamp\":1591140517}}},\"version\":2,\"timestamp\":1591140517}");
    }

    @Test
    void sv10DesiredNullRemovesTheWholeSection() {
        f.update(SIM, "{\"state\":{\"desired\":{\"color\":\"blue\"}}}");
        f.update(SIM, "{\"state\":{\"reported\":{\"color\":\"red\"},\"desired\":null}}");
        assertJson(f.get(SIM, "").response(), "{\"state\":{\"reported\":{\"color\":\"red\"}},\"metadata\":"
                + "{\"reported\":{\"color\":{\"timestamp\":1591140517}}},\"version\":2,\"timestamp\":1591140517}");
    }
}
