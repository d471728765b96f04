package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's AWS CLI v2 run as a user runs it, with --endpoint-url (it predates AWS_ENDPOINT_URL),
 * throwaway credentials, no config file, no pager and no retries.
 */
final class AwsCli {
    static final Path AWS = Path.of("/usr/bin/aws");

    record Result(int exitCode, String stdout, String stderr) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Asserts the call succeeded (stderr shown otherwise) and returns its JSON output, {} when it printed none. */
        JsonNode json() throws Exception {
            assertThat(exitCode).as(stderr).isZero();
            return stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
        }
    }

    private AwsCli() {
    }

    /** Skips without the CLI; fails under CI, which must provide it. */
    static void require() {
        boolean available = Files.isExecutable(AWS);
        if (System.getenv("CI") != null) {
            assertThat(available).as("CI must provide the AWS CLI (awscli, see .ci/run)").isTrue();
        }
        assumeTrue(available, "the AWS CLI is not installed: apt-get install awscli");
    }

    static Result run(URI endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString(),
                "--output", "json"));
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
}
