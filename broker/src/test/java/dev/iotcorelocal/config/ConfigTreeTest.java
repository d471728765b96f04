package dev.iotcorelocal.config;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ConfigTree writes what Jackson would: the same keys, in the same order, with the same values. */
class ConfigTreeTest {

    @Test
    void theDefaultsAndBothProfilesGiveJacksonsTree() {
        for (BrokerConfig config : List.of(ConfigLoader.defaults(), ConfigLoader.load(null, "relaxed"))) {
            assertSameAsJackson(config);
            assertSameAsJackson(config.limits());
        }
    }

    @Test
    void listsEnumsStringsAndLongsToo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                tls:
                  extra-server-names: [broker.local, 10.0.0.5]
                mqtt:
                  connack-session-expiry: spec
                aws:
                  account-id: "123456789012"
                """);
        BrokerConfig config = ConfigLoader.load(file);
        assertThat(ConfigTree.of(config).at("/tls/extra-server-names").toString())
                .isEqualTo("[\"broker.local\",\"10.0.0.5\"]");
        assertThat(ConfigTree.of(config).at("/mqtt/connack-session-expiry").asText()).isEqualTo("spec");
        assertSameAsJackson(config);
    }

    @Test
    void theStartLogsYamlIsItselfAConfigFileGivingTheSameConfiguration(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                profile: relaxed
                tls:
                  extra-server-names: [broker.local]
                mqtt:
                  connack-session-expiry: spec
                """);
        BrokerConfig config = ConfigLoader.load(file);
        String logged = ConfigReport.yaml(config, "    ");
        assertThat(logged).startsWith("    profile: \"relaxed\"\n    listeners:\n      bind: ")
                .contains("\n      extra-server-names: [\"broker.local\"]\n");
        Path again = Files.writeString(dir.resolve("again.yaml"), logged.stripIndent());
        assertThat(ConfigLoader.load(again)).isEqualTo(config);
    }

    private static void assertSameAsJackson(Record config) {
        JsonNode jackson = ConfigLoader.YAML.valueToTree(config);
        JsonNode ours = ConfigTree.of(config);
        assertThat(ours).isEqualTo(jackson);
        assertThat(ours.toString()).as("key order").isEqualTo(jackson.toString());
    }
}
