package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The provisioning flow as a shell script runs it, with Debian's AWS CLI v2 ({@code /usr/bin/aws},
 * which signs for {@code execute-api}): keys and certificate written to files, a policy, the
 * attachment, the endpoint, then an MQTT connection with those files. CI installs the CLI;
 * under CI a missing CLI is a failure, not a skip.
 */
@IotCoreLocal
class RegistryAwsCliIT {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static IotCoreEndpoints broker;

    @BeforeAll
    static void cliPresent(IotCoreEndpoints endpoints) {
        broker = endpoints;
        boolean present = Files.isExecutable(AWS);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI must provide the AWS CLI (apt-get install awscli, see .ci/run)").isTrue();
        }
        assumeTrue(present, "the AWS CLI is not installed: apt-get install awscli");
    }

    @Test
    void aShellScriptProvisionsADeviceThatThenConnects(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("device.pem.crt");
        Path key = dir.resolve("device.pem.key");
        JsonNode created = json(aws(dir, "iot", "create-keys-and-certificate", "--set-as-active",
                "--certificate-pem-outfile", cert.toString(), "--private-key-outfile", key.toString()));
        String arn = created.get("certificateArn").asText();
        String id = created.get("certificateId").asText();
        aws(dir, "iot", "create-policy", "--policy-name", "cli-policy", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}]}");
        aws(dir, "iot", "attach-policy", "--policy-name", "cli-policy", "--target", arn);
        String host = json(aws(dir, "iot", "describe-endpoint", "--endpoint-type", "iot:Data-ATS"))
                .get("endpointAddress").asText();

        assertThat(arn).isEqualTo("arn:aws:iot:us-east-1:123456789012:cert/" + id);
        assertThat(json(aws(dir, "iot", "list-attached-policies", "--target", arn)).get("policies").get(0)
                .get("policyName").asText()).isEqualTo("cli-policy");
        assertThat(json(aws(dir, "iot", "describe-certificate", "--certificate-id", id))
                .at("/certificateDescription/status").asText()).isEqualTo("ACTIVE");
        MqttClientSslConfig tls = MqttClientSslConfig.builder().keyManagerFactory(Pem.keyManagers(cert, key))
                .trustManagerFactory(Pem.trustManagers(broker.caCertificate())).build();
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("cli-device")
                .serverHost(host).serverPort(broker.mqttsPort()).sslConfig(tls).buildBlocking();
        assertThat(device.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        device.disconnect();
    }

    @Test
    void refusalsReachTheCliAsAwsErrorCodesAndItsPaginationFollowsMarkers(@TempDir Path dir) throws Exception {
        String id = json(aws(dir, "iot", "create-keys-and-certificate", "--set-as-active")).get("certificateId").asText();
        CliResult active = run(dir, "iot", "delete-certificate", "--certificate-id", id);
        assertThat(active.exitCode()).isEqualTo(254);
        assertThat(active.err()).contains("An error occurred (CertificateStateException) when calling the "
                + "DeleteCertificate operation");
        CliResult malformed = run(dir, "iot", "create-policy", "--policy-name", "bad", "--policy-document", "{}");
        assertThat(malformed.err()).contains("(MalformedPolicyException)");

        int total;
        try (software.amazon.awssdk.services.iot.IotClient iot = AwsClients.iot(broker)) {
            for (int i = 0; i < 30; i++) { // more than one default page of 25
                iot.createKeysAndCertificate(b -> b.setAsActive(false));
            }
            total = iot.listCertificatesPaginator(b -> b.pageSize(250)).certificates().stream().toList().size();
        }
        // the CLI follows nextMarker itself (with no --page-size: for IoT that is the API's own member,
        // and naming it turns the CLI's pagination off)
        JsonNode all = json(aws(dir, "iot", "list-certificates"));
        assertThat(all.get("certificates")).hasSize(total);
        assertThat(all.has("nextMarker")).isFalse();
        List<String> ids = new ArrayList<>();
        all.get("certificates").forEach(c -> ids.add(c.get("certificateId").asText()));
        assertThat(ids).doesNotHaveDuplicates().contains(id);
    }

    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    private static String aws(Path dir, String... args) throws Exception {
        CliResult result = run(dir, args);
        assertThat(result.exitCode()).as("aws %s failed: %s", String.join(" ", args), result.err()).isZero();
        return result.out();
    }

    private static CliResult run(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                broker.apiEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDLOCAL");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new CliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private record CliResult(int exitCode, String out, String err) {
    }
}
