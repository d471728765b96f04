package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.packet.PublishProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static dev.iotcorelocal.rules.sql.SqlTesting.input;
import static dev.iotcorelocal.rules.sql.SqlTesting.json;
import static dev.iotcorelocal.rules.sql.SqlTesting.run;
import static dev.iotcorelocal.rules.sql.SqlTesting.select;
import static dev.iotcorelocal.rules.sql.SqlTesting.value;
import static org.assertj.core.api.Assertions.assertThat;

/** Spec B1's types-and-coercion table, row by row, and its non-JSON payload table. */
class CoercionTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // Int: 34 digits
            "1234567890123456789012345678901233 + 1 | 1234567890123456789012345678901234",
            // Undefined alone serializes as the empty string
            "nothing                        | ``",
            // -> Decimal/Int from numeric strings; Booleans do not convert
            "'5' * 2                        | 10",
            "'1.5E1' - 1                    | 14",
            "'-1.2' * 1                     | -1.2",
            "'abc' * 2                      | ``",
            "true * 2                       | ``",
            // -> Boolean from "true"/"false" in any case
            "'TRUE' AND true                | true",
            "'yes' AND true                 | ``",
            "NOT 'false'                    | true",
            "1 AND true                     | ``",
            "'true' OR 'false'              | true",
            // -> String: + concatenates when either side is a String
            "'a' + 1                        | \"a1\"",
            "'a' + 1.5                      | \"a1.5\"",
            "'a' + true                     | \"atrue\"",
            "'a' + [1, 'b']                 | \"a[1,\\\"b\\\"]\"",
            "'a' + NULL                     | ``",
            "'1' + 2                        | \"12\"",
            // = : numbers numerically, mismatched types false, Undefined propagates
            "1 = 1.0                        | true",
            "'a' = 'a'                      | true",
            "[1, 2] = [1, 2]                | true",
            "[1, 2] = [2, 1]                | false",
            "{'a': 1, 'b': 2} = {'b': 2, 'a': 1} | true",
            "1 = '1'                        | false",
            "NULL = NULL                    | true",
            "nothing = 1                    | ``",
            // <> : mismatched types true, Null<>Null false
            "1 <> '1'                       | true",
            "NULL <> NULL                   | false",
            "nothing <> 1                   | ``",
            // ordering converts both sides to Decimal
            "'10' > 9                       | true",
            "2.5 <= '2.5'                   | true",
            "'a' > 1                        | ``",
            "true > 1                       | ``",
            // + : Int+Int Int, mixed Decimal, non-numbers Undefined
            "1 + 2                          | 3",
            "1 + 1.5                        | 2.5",
            "true + 1                       | ``",
            // - * / % : Int stays Int, / truncates toward zero, numeric strings converted
            "7 / 2                          | 3",
            "-7 / 2                         | -3",
            "7.5 / 2                        | 3.75",
            "'6' * '7'                      | 42",
            "7 / 0                          | ``",
            "7.5 % 2                        | 1.5",
            "-7 % 3                         | -1",
            "-(3)                           | -3",
            "-'2.5'                         | -2.5",
            // 2016-03-23: a whole Decimal is an Int
            "10.0                           | 10",
            "7.0 / 2                        | 3",
            "0.1 + 0.2                      | 0.3",
    })
    void followsTheTypesTable(String expression, String expected) {
        String actual = value(expression.strip());
        if (expected == null || expected.isEmpty()) {
            assertThat(actual).as(expression + " is Undefined").isEmpty();
        } else {
            assertThat(json(actual)).as(expression).isEqualTo(json(expected));
        }
    }

    @Test
    void version2015KeepsWholeDecimalsAsDecimals() {
        assertThat(value("10.0", SqlVersion.V2015_10_08)).isEqualTo("10.0");
        assertThat(value("7.0 / 2", SqlVersion.V2015_10_08)).isEqualTo("3.5");
        JsonNode out2015 = select("SELECT a FROM 'a'", SqlVersion.V2015_10_08, input("a", "{\"a\":10.0}"));
        JsonNode out2016 = select("SELECT a FROM 'a'", SqlVersion.V2016_03_23, input("a", "{\"a\":10.0}"));
        assertThat(out2015.toString()).isEqualTo("{\"a\":10.0}");
        assertThat(out2016.toString()).isEqualTo("{\"a\":10}");
        assertThat(value("sql_version()", SqlVersion.V2015_10_08)).isEqualTo("\"2015-10-08\"");
    }

    @Test
    void nullSelectedIsJsonNull() {
        assertThat(select("SELECT NULL AS n FROM 'topic/subtopic'", "{}")).isEqualTo(json("{\"n\":null}"));
    }

    @ParameterizedTest(name = "WHERE {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "false       | WHERE was false",
            "nothing     | WHERE was Undefined",
            "'true'      | WHERE was \"true\"",
            "1           | WHERE was 1",
            "[true]      | WHERE was Array",
    })
    void whereRunsActionsOnlyOnBooleanTrue(String condition, String reason) {
        QueryResult result = run("SELECT * FROM 'a' WHERE " + condition, SqlVersion.V2016_03_23, input("a", "{}"));

        assertThat(result).isEqualTo(new QueryResult.NotSelected(reason));
    }

    @Test
    void whereCannotSeeSelectAliases() {
        QueryResult result = run("SELECT temp AS t FROM 'a' WHERE t > 1", SqlVersion.V2016_03_23, input("a", "{\"temp\":5}"));

        assertThat(result).isEqualTo(new QueryResult.NotSelected("WHERE was Undefined"));
    }

    @Test
    void binaryPayloadWithExtraItemsFails() {
        QueryResult result = run("SELECT *, timestamp() AS t FROM 'a'", SqlVersion.V2016_03_23,
                input("a", new byte[] {0x00, (byte) 0xFF}, PublishProperties.EMPTY));

        assertThat(result).isInstanceOf(QueryResult.Failed.class);
        assertThat(((QueryResult.Failed) result).error()).startsWith("SELECT * with other items needs a JSON payload");
    }

    @Test
    void textPayloadPassesThroughSelectStarAndHasNoFields() {
        byte[] text = "hello world".getBytes(StandardCharsets.UTF_8);
        QueryResult star = run("SELECT * FROM 'a'", SqlVersion.V2016_03_23, input("a", text, PublishProperties.EMPTY));
        assertThat(((QueryResult.Selected) star).payload()).isEqualTo(text);

        QueryResult where = run("SELECT * FROM 'a' WHERE device_type = 'thermostat'", SqlVersion.V2016_03_23,
                input("a", text, PublishProperties.EMPTY));
        assertThat(where).isEqualTo(new QueryResult.NotSelected("WHERE was Undefined"));
    }

    @Test
    void emptyPayloadIsAnEmptyObjectForMerges() {
        RuleInput empty = input("a", new byte[0], PublishProperties.EMPTY);
        assertThat(select("SELECT *, 1 AS x FROM 'a'", SqlVersion.V2016_03_23, empty)).isEqualTo(json("{\"x\":1}"));
        assertThat(((QueryResult.Selected) run("SELECT * FROM 'a'", SqlVersion.V2016_03_23, empty)).payload()).isEmpty();
    }

    @Test
    void jsonThatIsNotAnObjectIsStarButHasNoFields() {
        RuleInput array = input("a", "[1,2]");
        assertThat(select("SELECT * FROM 'a'", SqlVersion.V2016_03_23, array)).isEqualTo(json("[1,2]"));
        assertThat(select("SELECT a FROM 'a'", SqlVersion.V2016_03_23, array)).isEqualTo(json("{}"));
        assertThat(run("SELECT *, 1 AS x FROM 'a'", SqlVersion.V2016_03_23, array)).isInstanceOf(QueryResult.Failed.class);
    }

    @Test
    void selectValueOfAnArrayNeeds2016() {
        assertThat(run("SELECT VALUE arr FROM 'a'", SqlVersion.V2015_10_08, input("a", "{\"arr\":[1]}")))
                .isEqualTo(new QueryResult.Failed("SELECT VALUE of an Array needs SQL version 2016-03-23"));
    }

    @Test
    void laterItemsReplaceStarKeysAndUndefinedItemsAddNothing() {
        assertThat(select("SELECT *, temp * 2 AS temp, missing AS color FROM 'a'", SqlVersion.V2016_03_23,
                input("a", "{\"temp\":5,\"color\":\"red\"}"))).isEqualTo(json("{\"temp\":10,\"color\":\"red\"}"));
    }
}
