package dev.iotcorelocal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(fromFile.listeners().bind()).isEqualTo("127.0.0.1");
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
