package dev.iotcorelocal.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The payloads against AWS's documented examples (spec §6.2), copied verbatim: same fields, same order. */
class LifecycleEventJsonTest {
    private static final ConnectionFacts EXAMPLE = new ConnectionFacts("186b5", "exampleThing",
            "12345678901234567890123456789012", new UUID(0, 0));

    @Test
    void connectedMatchesAwsExample() {
        assertThat(text(LifecycleEventJson.connected(EXAMPLE, 1573002230757L, "192.0.2.0", 0))).isEqualTo(
                "{\"clientId\":\"186b5\",\"thingName\":\"exampleThing\",\"timestamp\":1573002230757,"
                        + "\"eventType\":\"connected\",\"sessionIdentifier\":\"00000000-0000-0000-0000-000000000000\","
                        + "\"principalIdentifier\":\"12345678901234567890123456789012\",\"ipAddress\":\"192.0.2.0\","
                        + "\"versionNumber\":0}");
    }

    @Test
    void disconnectedMatchesAwsExample() {
        assertThat(text(LifecycleEventJson.disconnected(EXAMPLE, 1573002340451L,
                DisconnectReason.CLIENT_INITIATED_DISCONNECT, 0))).isEqualTo(
                "{\"clientId\":\"186b5\",\"thingName\":\"exampleThing\",\"timestamp\":1573002340451,"
                        + "\"eventType\":\"disconnected\",\"sessionIdentifier\":\"00000000-0000-0000-0000-000000000000\","
                        + "\"principalIdentifier\":\"12345678901234567890123456789012\","
                        + "\"clientInitiatedDisconnect\":true,\"disconnectReason\":\"CLIENT_INITIATED_DISCONNECT\","
                        + "\"versionNumber\":0}");
    }

    @Test
    void connectFailedMatchesAwsExample() {
        assertThat(text(LifecycleEventJson.connectFailed(EXAMPLE, 1460065214626L, "192.0.2.0"))).isEqualTo(
                "{\"clientId\":\"186b5\",\"thingName\":\"exampleThing\",\"timestamp\":1460065214626,"
                        + "\"eventType\":\"connect_failed\",\"connectFailureReason\":\"AUTHORIZATION_FAILED\","
                        + "\"principalIdentifier\":\"12345678901234567890123456789012\","
                        + "\"sessionIdentifier\":\"00000000-0000-0000-0000-000000000000\",\"ipAddress\":\"192.0.2.0\"}");
    }

    @Test
    void subscribedMatchesAwsExample() {
        assertThat(text(LifecycleEventJson.subscriptions(EXAMPLE, 1460065214626L, "subscribed",
                List.of("foo/bar", "device/data", "dog/cat")))).isEqualTo(
                "{\"clientId\":\"186b5\",\"thingName\":\"exampleThing\",\"timestamp\":1460065214626,"
                        + "\"eventType\":\"subscribed\",\"sessionIdentifier\":\"00000000-0000-0000-0000-000000000000\","
                        + "\"principalIdentifier\":\"12345678901234567890123456789012\","
                        + "\"topics\":[\"foo/bar\",\"device/data\",\"dog/cat\"]}");
    }

    @Test
    void withoutAThingTheFieldIsAbsentAndAServerDisconnectIsNotClientInitiated() {
        ConnectionFacts noThing = new ConnectionFacts("dev\"1", null, "anonymous", new UUID(0, 1));
        assertThat(text(LifecycleEventJson.disconnected(noThing, 5, DisconnectReason.DUPLICATE_CLIENTID, 7)))
                .isEqualTo("{\"clientId\":\"dev\\\"1\",\"timestamp\":5,\"eventType\":\"disconnected\","
                        + "\"sessionIdentifier\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"principalIdentifier\":\"anonymous\",\"clientInitiatedDisconnect\":false,"
                        + "\"disconnectReason\":\"DUPLICATE_CLIENTID\",\"versionNumber\":7}");
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
