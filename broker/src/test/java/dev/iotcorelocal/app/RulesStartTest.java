package dev.iotcorelocal.app;

import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** rules.file at start: a bad rule stops the start, naming the file, the rule and the parse position. */
class RulesStartTest {

    @Test
    void aBadRuleStopsTheStartAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                - ruleName: fine
                  topicRulePayload: {sql: "SELECT * FROM 'a'", actions: []}
                - ruleName: broken
                  topicRulePayload: {sql: "SELECT * FROM 'a' WHERE", actions: []}
                """);
        BrokerConfig config = BrokerConfig.defaults()
                .withListeners(new ListenerConfig("127.0.0.1", 0, 0, false, 0, true))
                .withTls(new TlsConfig(dir.resolve("certs").toString(), List.of()));

        assertThatThrownBy(() -> Broker.start(config.withRules(config.rules().withFile(rules.toString()))))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageStartingWith("rules file " + rules + ", rule 'broken': SqlParseException: ")
                .hasMessageContaining("(line 1, column ");
        try (Broker broker = Broker.start(config)) {
            assertThat(broker.apiPort()).isPositive(); // the failed start left nothing bound or half-built behind
        }
    }
}
