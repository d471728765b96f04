package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shadow commands of the AWS CLI v2 (`aws iot-data ...-thing-shadow`), as a user types them. */
@IotCoreLocal
class ShadowCliIT {
    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IotCoreEndpoints broker;
    @TempDir
    Path dir;

    ShadowCliIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @BeforeAll
    static void requireCli() {
        boolean available = Files.isExecutable(AWS);
        if (System.getenv("CI") != null) {
            assertThat(available).as("CI must provide the AWS CLI (awscli, see .ci/run)").isTrue();
        }
        assumeTrue(available, "the AWS CLI is not installed: apt-get install awscli");
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
                broker.apiEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDLOCAL");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local-secret");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_MAX_ATTEMPTS", "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    /** Runs a shadow command whose document the CLI writes to an outfile, and reads that file. */
    private JsonNode document(String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.add(out.toString());
        Result result = aws(all.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return JSON.readTree(Files.readAllBytes(out));
    }

    @Test
    void updateGetListAndDeleteShadowsWithTheCli() throws Exception {
        JsonNode updated = document("iot-data", "update-thing-shadow", "--thing-name", "cli-lamp",
                "--cli-binary-format", "raw-in-base64-out",
                "--payload", "{\"state\":{\"desired\":{\"on\":true}},\"clientToken\":\"cli-1\"}");
        assertThat(updated.path("version").intValue()).isEqualTo(1);
        assertThat(updated.path("clientToken").textValue()).isEqualTo("cli-1");
        document("iot-data", "update-thing-shadow", "--thing-name", "cli-lamp", "--shadow-name", "night",
                "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"state\":{\"reported\":{\"dim\":10}}}");

        JsonNode got = document("iot-data", "get-thing-shadow", "--thing-name", "cli-lamp");
        assertThat(got.path("state").toString()).isEqualTo("{\"desired\":{\"on\":true},\"delta\":{\"on\":true}}");
        JsonNode night = document("iot-data", "get-thing-shadow", "--thing-name", "cli-lamp", "--shadow-name", "night");
        assertThat(night.path("state").path("reported").path("dim").intValue()).isEqualTo(10);

        Result listed = aws("iot-data", "list-named-shadows-for-thing", "--thing-name", "cli-lamp");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(JSON.readTree(listed.stdout()).path("results").toString()).isEqualTo("[\"night\"]");

        Result conflict = aws("iot-data", "update-thing-shadow", "--thing-name", "cli-lamp",
                "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"state\":{},\"version\":5}",
                dir.resolve("conflict.json").toString());
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("(ConflictException)").contains("Version conflict");

        JsonNode deleted = document("iot-data", "delete-thing-shadow", "--thing-name", "cli-lamp",
                "--shadow-name", "night");
        assertThat(deleted.path("version").intValue()).isEqualTo(1);
        Result missing = aws("iot-data", "get-thing-shadow", "--thing-name", "cli-lamp", "--shadow-name", "night",
                dir.resolve("missing.json").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("(ResourceNotFoundException)")
                .contains("No shadow exists with name: 'night'");
    }
}
