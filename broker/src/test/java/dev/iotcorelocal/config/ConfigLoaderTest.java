package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void documentedDefaultFileIsExactlyTheDefaults() {
        BrokerConfig fromFile = ConfigLoader.load(Path.of("../config/iotcore-local.yaml"));
        assertThat(fromFile).isEqualTo(BrokerConfig.defaults());
        assertThat(fromFile.mqtt().maximumPacketSize()).isEqualTo(149_504);
        assertThat(fromFile.mqtt().receiveMaximum()).isEqualTo(100);
        assertThat(fromFile.mqtt().topicAliasMaximum()).isEqualTo(8);
        assertThat(fromFile.listeners().mqttsPort()).isEqualTo(8883);
        assertThat(fromFile.listeners().bind()).isEqualTo("localhost");
    }

    @Test
    void partialFileOverridesOnlyItsKeys(@TempDir Path dir) throws IOException {
        Path file = write(dir, "mqtt:\n  topic-alias-maximum: 4\n  connack-session-expiry: spec\n");
        BrokerConfig config = ConfigLoader.load(file);
        assertThat(config.mqtt().topicAliasMaximum()).isEqualTo(4);
        assertThat(config.mqtt().connackSessionExpiry()).isEqualTo(MqttConfig.ConnackSessionExpiry.SPEC);
        assertThat(config.mqtt().receiveMaximum()).isEqualTo(100);
    }

    @Test
    void unknownKeyIsNamed(@TempDir Path dir) throws IOException {
        Path file = write(dir, "mqtt:\n  topic-alias-max: 4\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mqtt.topic-alias-max");
    }

    @Test
    void outOfRangeValueIsExplained(@TempDir Path dir) throws IOException {
        Path file = write(dir, "listeners:\n  mqtts-port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("listeners.mqtts-port must be 0..65535, was 70000");
    }

    @Test
    void wrongTypeAndBadYamlAndMissingFileAreClearErrors(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write(dir, "mqtt:\n  receive-maximum: lots\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("receive-maximum");
        assertThatThrownBy(() -> ConfigLoader.load(write(dir, "mqtt: [unclosed\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not found");
    }

    @Test
    void profilePresetsTheLimitsAndSingleKeysOverrideIt(@TempDir Path dir) throws IOException {
        assertThat(BrokerConfig.defaults().profile()).isEqualTo(Profile.AWS);
        assertThat(BrokerConfig.defaults().limits()).isEqualTo(LimitsConfig.aws());
        Path file = write(dir, "profile: relaxed\nlimits:\n  filters-per-subscribe: 8\n");
        BrokerConfig relaxed = ConfigLoader.load(file);
        assertThat(relaxed.limits().publishesPerSecond()).isZero();
        assertThat(relaxed.limits().clientIdMaxBytes()).isZero();
        assertThat(relaxed.limits().filtersPerSubscribe()).isEqualTo(8);
        BrokerConfig overridden = ConfigLoader.load(file, "aws");
        assertThat(overridden.profile()).isEqualTo(Profile.AWS);
        assertThat(overridden.limits().publishesPerSecond()).isEqualTo(100);
        assertThatThrownBy(() -> ConfigLoader.load(null, "lenient")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown profile 'lenient'");
    }

    @Test
    void aRelaxedCopyOfTheShippedFileLiftsEveryLimit(@TempDir Path dir) throws IOException {
        String shipped = Files.readString(Path.of("../config/iotcore-local.yaml"));
        assertThat(shipped).contains("\nprofile: aws\n");
        Path copy = write(dir, shipped.replace("\nprofile: aws\n", "\nprofile: relaxed\n"));

        assertThat(ConfigLoader.load(copy).limits()).isEqualTo(LimitsConfig.relaxed());

        Path oneUncommented = write(dir, Files.readString(copy)
                .replace("  # publishes-per-second: 100", "  publishes-per-second: 100"));
        LimitsConfig limits = ConfigLoader.load(oneUncommented).limits();
        assertThat(limits.publishesPerSecond()).isEqualTo(100);
        assertThat(limits.payloadMaxBytes()).isZero();
    }

    @Test
    void everyValueKnowsWhereItCameFrom(@TempDir Path dir) throws IOException {
        Path file = write(dir, "profile: relaxed\nmqtt:\n  topic-alias-maximum: 4\nlimits:\n  payload-max-bytes: 1000\n");
        LoadedConfig loaded = ConfigLoader.load(file, List.of(
                new ConfigOverride("listeners.mqtts-port", IntNode.valueOf(0), "option --mqtts-port"),
                new ConfigOverride("mqtt.topic-alias-maximum", IntNode.valueOf(2), "option --test")));

        assertThat(loaded.config().listeners().mqttsPort()).isZero();
        assertThat(loaded.config().mqtt().topicAliasMaximum()).isEqualTo(2);
        assertThat(loaded.config().limits().payloadMaxBytes()).isEqualTo(1000);
        assertThat(loaded.originOf("profile")).isEqualTo(file + ":1");
        assertThat(loaded.originOf("listeners.mqtts-port")).isEqualTo("option --mqtts-port");
        assertThat(loaded.originOf("mqtt.topic-alias-maximum")).isEqualTo("option --test");
        assertThat(loaded.originOf("limits.payload-max-bytes")).isEqualTo(file + ":5");
        assertThat(loaded.originOf("limits.publishes-per-second")).isEqualTo("profile relaxed");
        assertThat(loaded.originOf("listeners.bind")).isEqualTo("default");
    }

    @Test
    void theReportShowsEachOriginAndIsItselfAConfigFile(@TempDir Path dir) throws IOException {
        Path file = write(dir, "mqtt:\n  topic-alias-maximum: 4\n");
        LoadedConfig loaded = ConfigLoader.load(file, List.of(
                new ConfigOverride("profile", TextNode.valueOf("relaxed"), "option --profile")));

        String report = ConfigReport.render(loaded);

        assertThat(report).containsPattern("\n  topic-alias-maximum: 4 +# " + Pattern.quote(file + ":2") + "\n")
                .containsPattern("\nprofile: \"relaxed\" +# option --profile\n")
                .containsPattern("\n  publishes-per-second: 0 +# profile relaxed\n")
                .containsPattern("\n  mqtts-port: 8883 +# default\n")
                .containsPattern("\n  extra-server-names: \\[] +# default\n");
        assertThat(ConfigLoader.load(write(dir, report)).equals(loaded.config())).isTrue();
    }

    @Test
    void aFractionForAWholeNumberIsRefusedNotTruncated(@TempDir Path dir) throws IOException {
        Path file = write(dir, "listeners:\n  mqtts-port: 9999.7\n");
        assertRefused(file, file + ":2: 'listeners.mqtts-port' must be a whole number, got 9999.7 (default: 8883)");
        Path limit = write(dir, "limits:\n  publishes-per-second: 10.5\n");
        assertRefused(limit, limit + ":2: 'limits.publishes-per-second' must be a whole number, got 10.5 (default: 100)");
    }

    @Test
    void quotedNumbersAndBooleansAreRefused(@TempDir Path dir) throws IOException {
        Path number = write(dir, "mqtt:\n  receive-maximum: \"500\"\n");
        assertRefused(number, number + ":2: 'mqtt.receive-maximum' must be a whole number, got the text \"500\""
                + " (write it without quotes) (default: 100)");
        Path bool = write(dir, "listeners:\n  mqtt-enabled: \"false\"\n");
        assertRefused(bool, bool + ":2: 'listeners.mqtt-enabled' must be true or false, got the text \"false\""
                + " (write it without quotes) (default: true)");
        Path word = write(dir, "mqtt:\n  receive-maximum: lots\n");
        assertRefused(word, word + ":2: 'mqtt.receive-maximum' must be a whole number, got the text \"lots\" (default: 100)");
        Path tooLarge = write(dir, "listeners:\n  mqtt-port: 99999999999\n");
        assertRefused(tooLarge, tooLarge + ":2: 'listeners.mqtt-port' must be a whole number, got 99999999999 (too large)"
                + " (default: 1883)");
        Path empty = write(dir, "listeners:\n  mqtts-port:\n");
        assertRefused(empty, empty + ":2: 'listeners.mqtts-port' must be a whole number, got no value (default: 8883)");
        Path names = write(dir, "tls:\n  extra-server-names: iot.example.com\n");
        assertRefused(names, names + ":2: 'tls.extra-server-names' must be a list of names, like [iot.example.com],"
                + " got the text \"iot.example.com\" (default: [])");
    }

    @Test
    void memoryBoundsLoadAndNegativeOnesAreRefusedNamingTheKey(@TempDir Path dir) throws IOException {
        assertThat(BrokerConfig.defaults().memory()).isEqualTo(new MemoryConfig(100_000, 268_435_456L, 536_870_912L));
        Path off = write(dir, "memory:\n  retained-max-messages: 0\n  offline-queue-max-bytes: 1048576\n");
        assertThat(ConfigLoader.load(off).memory()).isEqualTo(new MemoryConfig(0, 268_435_456L, 1_048_576L));
        Path negative = write(dir, "memory:\n  offline-queue-max-bytes: -1\n");
        assertThatThrownBy(() -> ConfigLoader.load(negative)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("memory.offline-queue-max-bytes must be 0 (off) or more, was -1");
        Path share = write(dir, "limits:\n  share-name-max-chars: -5\n");
        assertThatThrownBy(() -> ConfigLoader.load(share)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits.share-name-max-chars must be 0 (off) or more");
    }

    @Test
    void duplicateKeysAreRefusedWithBothLines(@TempDir Path dir) throws IOException {
        Path key = write(dir, "mqtt:\n  receive-maximum: 5\n  topic-alias-maximum: 2\n  receive-maximum: 6\n");
        assertRefused(key, key + ":4: duplicate key 'mqtt.receive-maximum' (already set on line 2); YAML allows each key once");
        Path section = write(dir, "mqtt:\n  receive-maximum: 5\nlisteners:\n  bind: ::1\nmqtt:\n  keep-alive-max: 60\n");
        assertRefused(section, section + ":5: duplicate key 'mqtt' (already set on line 1); YAML allows each key once");
    }

    @Test
    void unknownKeysNameFileAndLineAndSuggestTheClosestKey(@TempDir Path dir) throws IOException {
        Path typo = write(dir, "mqtt:\n  receive-maximum: 5\n  topic-alias-max: 4\n");
        assertRefused(typo, typo + ":3: unknown key 'mqtt.topic-alias-max'; did you mean 'mqtt.topic-alias-maximum'?");
        Path wrongSection = write(dir, "mqtts-port: 1\n");
        assertRefused(wrongSection, wrongSection + ":1: unknown key 'mqtts-port'; did you mean 'listeners.mqtts-port'?");
        Path section = write(dir, "listener:\n  bind: ::1\n");
        assertRefused(section, section + ":1: unknown key 'listener'; did you mean 'listeners'?");
        Path limit = write(dir, "limits:\n  publish-per-second: 5\n");
        assertRefused(limit, limit + ":2: unknown key 'limits.publish-per-second'; did you mean 'limits.publishes-per-second'?");
        Path readmeExample = write(dir, "profile: relaxed\nmqtt:\n  keep-alive-maximum: 600\n");
        assertRefused(readmeExample, readmeExample
                + ":3: unknown key 'mqtt.keep-alive-maximum'; did you mean 'mqtt.keep-alive-max'?");
        Path nothingClose = write(dir, "mqtt:\n  frobnicate: 1\n");
        assertRefused(nothingClose, nothingClose + ":2: unknown key 'mqtt.frobnicate'");
    }

    @Test
    void badEnumValuesProfilesAndRangesNameFileAndLine(@TempDir Path dir) throws IOException {
        Path choice = write(dir, "mqtt:\n  connack-session-expiry: never\n");
        assertRefused(choice, choice + ":2: 'mqtt.connack-session-expiry' must be one of aws, spec, got \"never\"");
        Path profile = write(dir, "listeners:\n  bind: ::1\nprofile: lenient\n");
        assertRefused(profile, profile + ":3: unknown profile 'lenient' (known: aws, relaxed)");
        Path range = write(dir, "\nlisteners:\n  mqtts-port: 70000\n");
        assertRefused(range, range + ":3: listeners.mqtts-port must be 0..65535, was 70000");
        Path notASection = write(dir, "listeners: 5\n");
        assertRefused(notASection, notASection + ":1: 'listeners' must be a section of keys (indented below it), got 5");
    }

    @Test
    void badYamlNamesTheLine(@TempDir Path dir) throws IOException {
        Path file = write(dir, "mqtt:\n  receive-maximum: 5\n  topic-alias-maximum: [1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":").hasMessageContaining("not valid YAML")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path list = write(dir, "- mqtt\n");
        assertThatThrownBy(() -> ConfigLoader.load(list)).hasMessage(list
                + ": must be a YAML mapping of sections (like config/iotcore-local.yaml)");
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(ConfigException.class).hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("com.fasterxml", "`", "java.", "\n"));
    }

    @Test
    void keepAliveIsClampedTheAwsWay() {
        MqttConfig mqtt = BrokerConfig.defaults().mqtt();
        assertThat(mqtt.clampKeepAlive(0)).isEqualTo(1200);
        assertThat(mqtt.clampKeepAlive(5)).isEqualTo(30);
        assertThat(mqtt.clampKeepAlive(60)).isEqualTo(60);
        assertThat(mqtt.clampKeepAlive(1201)).isEqualTo(1200);
    }

    private static Path write(Path dir, String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
