package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ConfigBinder binds what Jackson would, and refuses what the records refuse, naming the key. */
class ConfigBinderTest {

    @Test
    void theDefaultsBothProfilesAndChangedValuesBindAsJacksonBindsThem() throws Exception {
        for (BrokerConfig config : List.of(ConfigLoader.defaults(), ConfigLoader.load(null, "relaxed"))) {
            ObjectNode tree = ConfigTree.of(config);
            assertThat(ConfigBinder.bind(tree, BrokerConfig.class)).isEqualTo(config)
                    .isEqualTo(ConfigLoader.YAML.treeToValue(tree, BrokerConfig.class));
        }
        ObjectNode changed = ConfigTree.of(ConfigLoader.defaults());
        changed.with("tls").putArray("extra-server-names").add("broker.local").add("10.0.0.5");
        changed.with("mqtt").put("connack-session-expiry", " spec ").put("receive-maximum", 7); // trimmed, as Jackson
        changed.with("memory").put("retained-max-bytes", 5_000_000_000L);
        changed.with("aws").putNull("registry-seed");
        BrokerConfig bound = ConfigBinder.bind(changed, BrokerConfig.class);
        assertThat(bound).isEqualTo(ConfigLoader.YAML.treeToValue(changed, BrokerConfig.class));
        assertThat(bound.tls().extraServerNames()).containsExactly("broker.local", "10.0.0.5");
        assertThat(bound.mqtt().connackSessionExpiry()).isEqualTo(MqttConfig.ConnackSessionExpiry.SPEC);
        assertThat(bound.memory().retainedMaxBytes()).isEqualTo(5_000_000_000L);
        assertThat(bound.aws().registrySeed()).isEmpty();
    }

    @Test
    void anUnknownEnumNameARangeAndANullNumberAreRefusedNamingTheKey() {
        ObjectNode badEnum = ConfigTree.of(ConfigLoader.defaults());
        badEnum.with("mqtt").put("connack-session-expiry", "SPEC"); // names are exact, as Jackson's
        assertThatThrownBy(() -> ConfigBinder.bind(badEnum, BrokerConfig.class)).isInstanceOf(ConfigException.class)
                .hasMessage("'mqtt.connack-session-expiry' must be one of aws, spec, got \"SPEC\"");
        ObjectNode badRange = ConfigTree.of(ConfigLoader.defaults());
        badRange.with("mqtt").put("receive-maximum", 0);
        assertThatThrownBy(() -> ConfigBinder.bind(badRange, BrokerConfig.class)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mqtt.receive-maximum must be 1..65535, was 0");
        ObjectNode nullNumber = ConfigTree.of(ConfigLoader.defaults());
        nullNumber.with("listeners").putNull("mqtts-port");
        assertThatThrownBy(() -> ConfigBinder.bind(nullNumber, BrokerConfig.class)).isInstanceOf(ConfigException.class)
                .hasMessage("'listeners.mqtts-port' needs a value");
    }

    @Test
    void aKeyMissingFromTheTreeIsABugNotAUserMistake() {
        ObjectNode missing = ConfigTree.of(ConfigLoader.defaults());
        missing.with("mqtt").remove("receive-maximum");
        assertThatThrownBy(() -> ConfigBinder.bind(missing, BrokerConfig.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mqtt.receive-maximum");
    }
}
