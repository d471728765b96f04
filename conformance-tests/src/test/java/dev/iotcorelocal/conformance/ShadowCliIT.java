package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow commands of the AWS CLI v2 (`aws iot-data ...-thing-shadow`), as a user types them. */
@IotCoreLocal
class ShadowCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IotCoreEndpoints broker;
    @TempDir
    Path dir;

    ShadowCliIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @BeforeAll
    static void requireCli() {
        AwsCli.require();
    }

    private AwsCli.Result aws(String... args) throws Exception {
        return AwsCli.run(broker.apiEndpoint(), args);
    }

    /** Runs a shadow command whose document the CLI writes to an outfile, and reads that file. */
    private JsonNode document(String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.add(out.toString());
        AwsCli.Result result = aws(all.toArray(String[]::new));
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

        AwsCli.Result listed = aws("iot-data", "list-named-shadows-for-thing", "--thing-name", "cli-lamp");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(JSON.readTree(listed.stdout()).path("results").toString()).isEqualTo("[\"night\"]");

        AwsCli.Result conflict = aws("iot-data", "update-thing-shadow", "--thing-name", "cli-lamp",
                "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"state\":{},\"version\":5}",
                dir.resolve("conflict.json").toString());
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("(ConflictException)").contains("Version conflict");

        JsonNode deleted = document("iot-data", "delete-thing-shadow", "--thing-name", "cli-lamp",
                "--shadow-name", "night");
        assertThat(deleted.path("version").intValue()).isEqualTo(1);
        AwsCli.Result missing = aws("iot-data", "get-thing-shadow", "--thing-name", "cli-lamp", "--shadow-name", "night",
                dir.resolve("missing.json").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("(ResourceNotFoundException)")
                .contains("No shadow exists with name: 'night'");
    }
}
