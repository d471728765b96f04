package dev.iotcorelocal.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The start-up rules file: the API's shape in camelCase or CloudFormation's PascalCase, refused whole on the first bad rule. */
class RulesFileTest {
    private final InMemoryRuleStore store = new InMemoryRuleStore(false);
    private final TopicRules rules = Rules.topicRules(store, List.of(new RecordingActions()));

    @Test
    void camelCaseAndPascalCaseEntriesBothLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                - ruleName: camel
                  topicRulePayload:
                    sql: "SELECT * FROM 'dt/+/temp' WHERE temp > 50"
                    awsIotSqlVersion: "2016-03-23"
                    actions: [{record: {name: a}}]
                    errorAction: {record: {name: errors}}
                - RuleName: pascal
                  TopicRulePayload:
                    Sql: "SELECT * FROM 'other'"
                    RuleDisabled: true
                    Actions:
                      - Record: {Name: b}
                """);

        assertThat(RulesFile.apply(file, rules)).isEqualTo(2);

        assertThat(rules.get("camel").awsIotSqlVersion()).isEqualTo("2016-03-23");
        assertThat(rules.get("camel").errorAction()).isEqualTo(Rules.json("{'record':{'name':'errors'}}"));
        assertThat(rules.get("pascal").disabled()).isTrue();
        assertThat(rules.get("pascal").actions()).containsExactly(Rules.json("{'record':{'name':'b'}}"));
        assertThat(store.current().matching("dt/1/temp")).extracting(CompiledRule::name).containsExactly("camel");
    }

    @Test
    void aRulesKeyHoldingTheListAndJsonWorkToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "{\"rules\": [{\"ruleName\": \"r\", \"topicRulePayload\": "
                + "{\"sql\": \"SELECT * FROM 'a'\", \"actions\": []}}]}");

        assertThat(RulesFile.apply(file, rules)).isEqualTo(1);
        assertThat(rules.get("r").sql()).isEqualTo("SELECT * FROM 'a'");
    }

    @Test
    void badSqlNamesTheRuleAndThePosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, """
                - ruleName: good
                  topicRulePayload: {sql: "SELECT * FROM 'a'", actions: []}
                - ruleName: broken
                  topicRulePayload: {sql: "SELECT temp FROM 'a'", actions: []}
                """);

        assertThatThrownBy(() -> RulesFile.apply(file, rules)).isInstanceOf(RulesFile.RulesFileException.class)
                .hasMessageContaining("rule 'broken'").hasMessageContaining("SqlParseException")
                .hasMessageContaining("line 1, column 8");
    }

    @Test
    void entriesWithoutTheirMembersAndUnreadableFilesAreExplained(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, "- ruleName: x\n");
        assertThatThrownBy(() -> RulesFile.apply(file, rules)).hasMessageContaining("rule 'x'")
                .hasMessageContaining("needs ruleName and topicRulePayload");
        assertThatThrownBy(() -> RulesFile.apply(dir.resolve("missing.yaml"), rules))
                .hasMessageContaining("rules file not found");
        Files.writeString(file, "[unclosed");
        assertThatThrownBy(() -> RulesFile.apply(file, rules)).hasMessageContaining("not valid YAML or JSON");
    }
}
