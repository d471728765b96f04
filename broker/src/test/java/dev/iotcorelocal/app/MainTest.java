package dev.iotcorelocal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void helpDocumentsEveryOptionAndExitsZero() {
        Result result = run("--help");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("--config", "--certificates", "--mqtts-port", "--mqtt-port", "--bind",
                "--no-mqtt", "--print-config", "--profile", "--log-level", "--quiet", "issue-cert");
    }

    @Test
    void quietAndLogLevelExcludeEachOtherAndABadLevelIsNamed() {
        Result both = run("--quiet", "--log-level", "debug", "--print-config");
        assertThat(both.exitCode).isEqualTo(2);
        assertThat(both.err).contains("--quiet", "--log-level", "mutually exclusive");
        Result bad = run("--log-level", "loud", "--print-config");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("must be error, warn, info, debug or trace, was 'loud'");
    }

    @Test
    void unknownOptionIsOneLineWithASuggestionAndExitsTwo() {
        Result result = run("--mqtts-prot", "1");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).startsWith("iotcore-local: Unknown options: '--mqtts-prot', '1'")
                .contains("did you mean --mqtts-port");
        assertOneLine(result.err);
    }

    @Test
    void badOptionValueIsOneLineAndExitsTwo() {
        Result result = run("--mqtts-port", "abc");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("'abc' is not an int");
        assertOneLine(result.err);
        Result outOfRange = run("--mqtts-port", "70000", "--print-config");
        assertThat(outOfRange.exitCode).isEqualTo(2);
        assertThat(outOfRange.err.strip())
                .isEqualTo("iotcore-local: option --mqtts-port: listeners.mqtts-port must be 0..65535, was 70000");
    }

    @Test
    void everyConfigRefusalIsOneLineNamingFileLineAndKey(@TempDir Path dir) throws IOException {
        for (String yaml : List.of("listeners:\n  mqtts-port: 9999.7\n", "mqtt:\n  receive-maximum: \"500\"\n",
                "mqtt:\n  receive-maximum: 6\n  receive-maximum: 6\n", "mqtt:\n  topic-alias-max: 4\n",
                "mqtt:\n  connack-session-expiry: never\n", "mqtt:\n  receive-maximum: 0\n")) {
            int line = yaml.indexOf("receive-maximum: 6") >= 0 ? 3 : 2;
            Path config = Files.writeString(dir.resolve("my.yaml"), yaml);
            Result result = run("--config", config.toString(), "--print-config");
            assertThat(result.exitCode).as(yaml).isEqualTo(2);
            assertThat(result.err).as(yaml).startsWith("iotcore-local: " + config + ":" + line + ": ").contains("mqtt");
            assertOneLine(result.err);
        }
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
    void exitWhenStartedStartsEveryListenerPrintsTheBannerThenStopsThem(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(run("--exit-when-started", "-q", "--certificates", dir.toString(), "--mqtts-port", "0",
                    "--mqtt-port", "0", "--api-port", "0", "--bind", "127.0.0.1").exitCode).isZero();
        } finally {
            System.setOut(original);
        }
        String banner = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(banner).contains("iotcore-local is running", "MQTT over mutual TLS: 127.0.0.1:");
        assertThat(dir.resolve("AmazonRootCA1.pem")).exists();
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("mutual TLS: 127\\.0\\.0\\.1:(\\d+)")
                .matcher(banner);
        assertThat(port.find()).isTrue();
        try (java.net.Socket socket = new java.net.Socket()) { // stopped: nothing listens there any more
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))), 2000))
                    .isInstanceOf(java.net.ConnectException.class);
        }
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
    void printConfigSaysWhereEachValueCameFrom(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("my.yaml"), "mqtt:\n  topic-alias-maximum: 4\n");
        String report = captureStdout(() -> assertThat(run("--config", config.toString(), "--profile", "relaxed",
                "--mqtts-port", "0", "--print-config").exitCode).isZero());
        assertThat(report).containsPattern("\n  topic-alias-maximum: 4 +# " + Pattern.quote(config + ":2") + "\n")
                .containsPattern("\nprofile: \"relaxed\" +# option --profile\n")
                .containsPattern("\n  mqtts-port: 0 +# option --mqtts-port\n")
                .containsPattern("\n  publishes-per-second: 0 +# profile relaxed\n")
                .containsPattern("\n  receive-maximum: 100 +# default\n");
    }

    @Test
    void issueCertWritesANewDeviceCertificate(@TempDir Path dir) {
        Result result = run("issue-cert", "--name", "thing-7", "--certificates", dir.toString());
        assertThat(result.exitCode).isZero();
        assertThat(dir.resolve("thing-7-cert.pem")).exists();
        assertThat(dir.resolve("thing-7-private-key.pem")).exists();
        Result badName = run("issue-cert", "--name", "../evil", "--certificates", dir.toString());
        assertThat(badName.exitCode).isEqualTo(2);
        assertThat(badName.err).contains("--name must be 1-64 characters");
        assertOneLine(badName.err);
    }

    @Test
    void issueCertForAnExistingNameIsOneLineAndKeepsTheFiles(@TempDir Path dir) throws IOException {
        assertThat(run("issue-cert", "--name", "thing-7", "--certificates", dir.toString()).exitCode).isZero();
        String cert = Files.readString(dir.resolve("thing-7-cert.pem"));

        Result again = run("issue-cert", "--name", "thing-7", "--certificates", dir.toString());

        assertThat(again.exitCode).isEqualTo(2);
        assertThat(again.err).startsWith("iotcore-local: " + dir.resolve("thing-7-cert.pem")
                + " already exists: choose another --name").doesNotContain("Exception", "--help");
        assertOneLine(again.err);
        assertThat(Files.readString(dir.resolve("thing-7-cert.pem"))).isEqualTo(cert);
    }

    private static void assertOneLine(String err) {
        assertThat(err.strip()).isNotEmpty().doesNotContain("\n").doesNotContain("\tat ");
    }

    private static String captureStdout(Runnable action) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
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
