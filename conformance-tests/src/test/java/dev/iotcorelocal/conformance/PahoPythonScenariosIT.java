package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The five scenarios with Eclipse Paho Python 1.6 (Debian's python3-paho-mqtt), the client
 * of AWS's own sample scripts. Needs {@code /usr/bin/python3} with paho; CI installs it, and
 * under CI a missing paho is a failure, not a skip.
 */
@IotCoreLocal(manualTime = true)
class PahoPythonScenariosIT {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IotCoreEndpoints broker;
    private final Broker running;
    private final ManualTime time;

    PahoPythonScenariosIT(IotCoreEndpoints broker, Broker running, ManualTime time) {
        this.broker = broker;
        this.running = running;
        this.time = time;
    }

    @BeforeAll
    static void start() throws Exception {
        boolean pahoAvailable = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import paho.mqtt.client").start().waitFor() == 0;
        if (System.getenv("CI") != null) {
            assertThat(pahoAvailable).as("CI must provide python3-paho-mqtt (see .ci/run)").isTrue();
        }
        assumeTrue(pahoAvailable, "python3-paho-mqtt is not installed: apt-get install python3-paho-mqtt");
    }

    @Test
    void scenario1RequestResponse() throws Exception {
        List<JsonNode> events = run("1");
        assertAwsConnack(events.get(0));
        List<JsonNode> messages = of(events, "message");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("topic").asText()).isEqualTo("home07/main_door/lock");
        assertThat(messages.get(0).at("/properties/ResponseTopic").asText()).isEqualTo("home07/main_door/status");
        String correlation = new String(HexFormat.of().parseHex(messages.get(0).at("/properties/CorrelationData").asText()),
                StandardCharsets.UTF_8);
        assertThat(correlation).isEqualTo("{\"user_profile_id\": 4, \"request_id\": \"eb1bd30a-c7e6-42a4-9e00-d5baee89f65c\"}");
        assertThat(messages.get(1).get("topic").asText()).isEqualTo("home07/main_door/status");
        assertThat(messages.get(1).get("payload").asText()).isEqualTo("USER_IS_NOT_AUTHENTICATED");
        assertThat(messages.get(1).at("/properties/CorrelationData").asText())
                .isEqualTo(messages.get(0).at("/properties/CorrelationData").asText());
    }

    @Test
    void scenario2UserProperties() throws Exception {
        List<JsonNode> messages = of(run("2"), "message");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).at("/properties/UserProperty").toString())
                .isEqualTo("[[\"Content-Type\",\"text/plain\"],[\"Hardware-Revision\",\"brandX-rev1.17c\"]]");
        assertThat(messages.get(1).at("/properties/UserProperty").toString())
                .isEqualTo("[[\"Content-Type\",\"base64\"],[\"Hardware-Manufacturer\",\"brandX-rev8.2\"]]");
        assertThat(messages.get(2).get("properties").has("UserProperty")).isFalse();
    }

    @Test
    void scenario3TopicAliases() throws Exception {
        List<JsonNode> events = run("3");
        List<JsonNode> messages = of(events, "message");
        assertThat(messages).extracting(m -> m.get("payload").asText()).containsExactly("23.4", "25.5", "22.2");
        assertThat(messages).allSatisfy(m -> assertThat(m.get("topic").asText())
                .isEqualTo("sensors/field/field001/equipments/a804e598-ee90-4f89-9cde-458f8fe9b980/temperature"));
        assertThat(of(events, "still_connected").get(0).get("value").asBoolean()).isTrue();
    }

    @Test
    void scenario5ReasonCodeOnServerDisconnect() throws Exception {
        List<JsonNode> events = run("5");
        List<JsonNode> disconnects = of(events, "disconnect");
        assertThat(disconnects).hasSize(1);
        assertThat(disconnects.get(0).get("rc").asInt()).isEqualTo(148);
        assertThat(disconnects.get(0).at("/properties/ReasonString").asText())
                .matches("DISCONNECT:Topic alias is out of range\\.:[0-9a-f-]{36}");
        assertThat(of(events, "puback")).hasSize(1);
    }

    @Test
    void scenario4SessionAndMessageExpiryAcrossThreeRuns() throws Exception {
        // Run 1: back within seconds: both messages, with their remaining expiry.
        run("4-subscribe", "--session-expiry", "300");
        awaitOffline();
        run("4-publish", "--topic", "vehicle/driver_door/lock", "--payload", "UNLOCK", "--expiry", "10");
        advance(1);
        run("4-publish", "--topic", "vehicle/air_conditioner/set", "--payload", "PRE_HEAT", "--expiry", "120");
        advance(3);
        List<JsonNode> resumed = run("4-resume", "--session-expiry", "300", "--expect", "2");
        assertThat(resumed.get(0).get("session_present").asInt()).isEqualTo(1);
        assertThat(of(resumed, "message")).extracting(m -> m.get("payload").asText() + "/" + m.get("qos").asInt() + "/"
                + m.at("/properties/MessageExpiryInterval").asInt()).containsExactlyInAnyOrder("UNLOCK/1/6", "PRE_HEAT/1/117");
        awaitOffline();

        // Run 2: back after 15 s: the 10 s message expired in the queue.
        run("4-publish", "--topic", "vehicle/driver_door/lock", "--payload", "UNLOCK", "--expiry", "10");
        advance(1);
        run("4-publish", "--topic", "vehicle/air_conditioner/set", "--payload", "PRE_HEAT", "--expiry", "120");
        advance(14);
        resumed = run("4-resume", "--session-expiry", "300", "--expect", "1");
        assertThat(resumed.get(0).get("session_present").asInt()).isEqualTo(1);
        assertThat(of(resumed, "message")).extracting(m -> m.get("payload").asText()).containsExactly("PRE_HEAT");
        awaitOffline();

        // Run 3: session expiry 10, back after 15 s: no session, nothing.
        run("4-subscribe", "--session-expiry", "10");
        awaitOffline();
        run("4-publish", "--topic", "vehicle/driver_door/lock", "--payload", "UNLOCK", "--expiry", "10");
        run("4-publish", "--topic", "vehicle/air_conditioner/set", "--payload", "PRE_HEAT", "--expiry", "120");
        advance(15);
        resumed = run("4-resume", "--session-expiry", "10", "--expect", "0");
        assertThat(resumed.get(0).get("session_present").asInt()).isZero();
        assertThat(of(resumed, "message")).isEmpty();
    }

    private void advance(int seconds) {
        time.advance(java.time.Duration.ofSeconds(seconds));
    }

    private void awaitOffline() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !running.isOnline("TestThing04-Sub"));
    }

    private static void assertAwsConnack(JsonNode connack) {
        assertThat(connack.get("event").asText()).isEqualTo("connack");
        assertThat(connack.get("rc").asInt()).isZero();
        assertThat(connack.get("properties").toString()).isEqualTo("{\"SessionExpiryInterval\":0,\"ServerKeepAlive\":60,"
                + "\"ReceiveMaximum\":100,\"TopicAliasMaximum\":8,\"MaximumQoS\":1,\"RetainAvailable\":1,"
                + "\"MaximumPacketSize\":149504,\"WildcardSubscriptionAvailable\":1,\"SubscriptionIdentifierAvailable\":0,"
                + "\"SharedSubscriptionAvailable\":1}");
    }

    private List<JsonNode> run(String scenario, String... options) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("python.scripts", "src/test/python"), "aws_mqtt5_scenarios.py");
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), scenario, "--endpoint", "localhost",
                "--port", String.valueOf(broker.mqttsPort()), "--certificates-path", broker.certificatesDir().toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("scenario %s finished; output:%n%s", scenario, output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        String last = scenario.equals("4-subscribe") ? "killed" : "done";
        assertThat(events).as(output).last().satisfies(e -> assertThat(e.get("event").asText()).isEqualTo(last));
        return events;
    }

    private static List<JsonNode> of(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("event").asText().equals(type)).toList();
    }
}
