package dev.iotcorelocal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void helpDocumentsEveryOptionAndExitsZero() {
        Result result = run("--help");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("--config", "--certificates", "--mqtts-port", "--mqtt-port", "--bind",
                "--no-mqtt", "--print-config", "--profile", "issue-cert");
    }

    @Test
    void unknownOptionExitsNonZeroNamingIt() {
        Result result = run("--mqtts-prot", "1");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("--mqtts-prot");
    }

    @Test
    void badConfigFileExitsNonZeroNamingTheKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "mqtt:\n  receive-maximum: 0\n");
        Result result = run("--config", config.toString(), "--print-config");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("mqtt.receive-maximum must be 1..65535, was 0");
    }

    @Test
    void printConfigShowsTheEffectiveConfigurationWithCommandLineOverrides() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run("--print-config", "--mqtts-port", "0", "--no-mqtt").exitCode).isZero();
        } finally {
            System.setOut(original);
        }
        String yaml = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yaml).contains("mqtts-port: 0", "mqtt-enabled: false", "maximum-packet-size: 149504",
                "profile: \"aws\"", "publishes-per-second: 100");
    }

    @Test
    void profileOptionSwitchesToRelaxedLimits() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run("--profile", "relaxed", "--print-config").exitCode).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("profile: \"relaxed\"", "publishes-per-second: 0");
        Result bad = run("--profile", "lenient", "--print-config");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("unknown profile 'lenient'");
    }

    @Test
    void issueCertWritesANewDeviceCertificate(@TempDir Path dir) {
        Result result = run("issue-cert", "--name", "thing-7", "--certificates", dir.toString());
        assertThat(result.exitCode).isZero();
        assertThat(dir.resolve("thing-7-cert.pem")).exists();
        assertThat(dir.resolve("thing-7-private-key.pem")).exists();
        assertThat(run("issue-cert", "--name", "../evil", "--certificates", dir.toString()).exitCode).isEqualTo(2);
    }

    private static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }
}
