package dev.iotcorelocal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void versionAndIssueCertHelpNeedNothingElse() {
        Result version = run("--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.out.strip()).isEqualTo("iotcore-local 0.1.0");
        Result help = run("issue-cert", "--help"); // without the otherwise required --name
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--name", "--certificates", "--out");
        Result issueVersion = run("issue-cert", "--version");
        assertThat(issueVersion.exitCode).isZero();
        assertThat(issueVersion.out.strip()).isEqualTo("iotcore-local 0.1.0");
    }

    @Test
    void aMissingValueARepeatedOptionAStrayArgumentAndAMissingNameAreEachOneLine() {
        Result missing = run("--config");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err.strip()).isEqualTo("iotcore-local: option --config needs a value (FILE) "
                + "(see iotcore-local --help)");
        Result twice = run("--mqtts-port", "1", "--mqtts-port", "2", "--print-config");
        assertThat(twice.exitCode).isEqualTo(2);
        assertThat(twice.err).startsWith("iotcore-local: option --mqtts-port is given more than once");
        Result stray = run("--print-config", "extra");
        assertThat(stray.exitCode).isEqualTo(2);
        assertThat(stray.err).startsWith("iotcore-local: unexpected argument 'extra'");
        Result noName = run("issue-cert");
        assertThat(noName.exitCode).isEqualTo(2);
        assertThat(noName.err.strip()).isEqualTo("iotcore-local: missing required option --name "
                + "(see iotcore-local issue-cert --help)");
        for (Result result : List.of(missing, twice, stray, noName)) {
            assertOneLine(result.err);
        }
    }

    @Test
    void optionValuesArePassedAsGivenQuotesIncluded(@TempDir Path dir) {
        String quoted = "\"" + dir.resolve("my.yaml") + "\""; // a file whose name really is in quotes
        for (Result result : List.of(run("--config", quoted, "--print-config"),
                run("--config=" + quoted, "--print-config"))) {
            assertThat(result.exitCode).isEqualTo(2);
            assertThat(result.err).contains(quoted);
        }
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
        assertThat(result.err.strip()).isEqualTo("iotcore-local: unknown option '--mqtts-prot'; did you mean "
                + "--mqtts-port? (see iotcore-local --help)");
        Result prefix = run("--mqtt", "1"); // no partial matching: a prefix of two options is neither
        assertThat(prefix.exitCode).isEqualTo(2);
        assertThat(prefix.err).startsWith("iotcore-local: unknown option '--mqtt'; did you mean --mqtt-port or "
                + "--mqtts-port?");
        assertOneLine(prefix.err);
    }

    @Test
    void badOptionValueIsOneLineAndExitsTwo() {
        Result result = run("--mqtts-port", "abc");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.strip()).isEqualTo("iotcore-local: invalid value for option --mqtts-port: 'abc' is "
                + "not an int (see iotcore-local --help)");
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
        Result result = run("--print-config", "--mqtts-port", "0", "--no-mqtt");
        assertThat(result.exitCode).isZero();
        String yaml = result.out;
        assertThat(yaml).contains("mqtts-port: 0", "mqtt-enabled: false", "maximum-packet-size: 149504",
                "profile: \"aws\"", "publishes-per-second: 100");
    }

    @Test
    void exitWhenStartedStartsEveryListenerPrintsTheBannerThenStopsThem(@TempDir Path dir) throws Exception {
        Result started = run("--exit-when-started", "-q", "--certificates", dir.toString(), "--mqtts-port", "0",
                "--mqtt-port", "0", "--api-port", "0", "--bind", "127.0.0.1");
        assertThat(started.exitCode).isZero();
        String banner = started.out;
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
        Result relaxed = run("--profile", "relaxed", "--print-config");
        assertThat(relaxed.exitCode).isZero();
        assertThat(relaxed.out).contains("profile: \"relaxed\"", "publishes-per-second: 0");
        Result bad = run("--profile", "lenient", "--print-config");
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err).contains("unknown profile 'lenient'");
    }

    @Test
    void printConfigSaysWhereEachValueCameFrom(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("my.yaml"), "mqtt:\n  topic-alias-maximum: 4\n");
        Result result = run("--config", config.toString(), "--profile", "relaxed", "--mqtts-port", "0",
                "--print-config");
        assertThat(result.exitCode).isZero();
        String report = result.out;
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

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int exitCode = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String out, String err) {
    }
}
