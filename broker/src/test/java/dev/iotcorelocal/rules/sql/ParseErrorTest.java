package dev.iotcorelocal.rules.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.iotcorelocal.rules.sql.SqlTesting.COMPILER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What AWS refuses at CreateTopicRule is refused at compile time, with a message and the position of the offending text. */
class ParseErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "SELECT * FROM 'a' SET x = 1                     | the SET clause is not supported by the emulator (spec B1) at 1:19 | 1 | 19",
            "SELECT a FROM 'a' -- note                       | comments are not supported by AWS IoT SQL at 1:19 | 1 | 19",
            "SELECT a /* note */ FROM 'a'                    | comments are not supported by AWS IoT SQL at 1:10 | 1 | 10",
            "SELECT foo(1) FROM 'a'                          | unknown function foo at 1:8 | 1 | 8",
            "SELECT aws_lambda('arn', *) AS r FROM 'a'       | unsupported function aws_lambda: it calls AWS Lambda, which the emulator does not run at 1:8 | 1 | 8",
            "SELECT get_dynamodb('t', 'k', id, 'r') FROM 'a' | unsupported function get_dynamodb: it reads DynamoDB, which the emulator does not run at 1:8 | 1 | 8",
            "SELECT * FROM 'a' WHERE x IN (1, 2)             | IN is not an AWS IoT SQL operator: compare with '=' and OR at 1:27 | 1 | 27",
            "SELECT * FROM 'a' WHERE x LIKE 'a%'             | LIKE is not an AWS IoT SQL operator: use startswith(), endswith() or regexp_matches() at 1:27 | 1 | 27",
            "SELECT * FROM 'a' WHERE x BETWEEN 1 AND 2       | BETWEEN is not an AWS IoT SQL operator: use two comparisons joined by AND at 1:27 | 1 | 27",
            "SELECT * FROM 'a' WHERE x IS NULL               | IS NULL is not AWS IoT SQL: use isNull(x) or isUndefined(x) at 1:27 | 1 | 27",
            "SELECT * FROM 'a' WHERE x != 1                  | '!=' is not an AWS IoT SQL operator: use '<>' at 1:27 | 1 | 27",
            "`SELECT a || b AS c FROM 'a'`| `'||' is not an AWS IoT SQL operator: use concat(a, b) or '+' at 1:10` | 1 | 10",
            "SELECT arr[0] AS first FROM 'a'                 | bracket indexing is not AWS IoT SQL: use get(array, index) at 1:11 | 1 | 11",
            "SELECT CASE WHEN t > 1 THEN 'hot' END AS s FROM 'a' | searched CASE (CASE WHEN condition THEN ...) is not AWS IoT SQL: write CASE value WHEN match THEN ... at 1:8 | 1 | 8",
            "SELECT * FROM \"a/b\"                           | FROM needs its topic filter in single quotes ('a/b/#') at 1:15 | 1 | 15",
            "SELECT * FROM 'a/#/b'                           | FROM 'a/#/b' is not a valid MQTT topic filter at 1:15 | 1 | 15",
            "SELECT * FROM 'a/b+'                            | FROM 'a/b+' is not a valid MQTT topic filter at 1:15 | 1 | 15",
            "SELECT * FROM '$share/g/a'                      | FROM '$share/g/a' is not a valid MQTT topic filter for a rule (no $share/) at 1:15 | 1 | 15",
            "SELECT * FROM 'a                                | unterminated string literal at 1:15 | 1 | 15",
            "SELECT lower() AS l FROM 'a'                    | lower() takes 1 argument, not 0 at 1:8 | 1 | 8",
            "SELECT substring('abc') AS s FROM 'a'           | substring() takes 2 to 3 arguments, not 1 at 1:8 | 1 | 8",
            "SELECT timestamp(1) AS t FROM 'a'               | timestamp() takes 0 arguments, not 1 at 1:8 | 1 | 8",
            "SELECT regexp_matches(s, '(') AS m FROM 'a'     | `invalid regular expression '(': Unclosed group in regexp_matches() at 1:8` | 1 | 8",
            "SELECT encode(s, 'hex') AS e FROM 'a'           | unsupported mode \"hex\" (only 'base64') in encode() at 1:8 | 1 | 8",
            "SELECT cast(s AS Float) AS f FROM 'a'           | `unknown cast type Float (String, Nvarchar, Text, Ntext, varchar, Int, Integer, Double, Decimal, Bool, Boolean) in cast() at 1:8` | 1 | 8",
            "SELECT color FROM                               | unexpected end of SQL (expected a 'single-quoted' topic filter) at 1:18 | 1 | 18",
            "SELECT                                          | unexpected end of SQL (expected an expression) at 1:7 | 1 | 7",
            "SELECT * 'a'                                    | unexpected ''a'' (expected the end, FROM or WHERE) at 1:10 | 1 | 10",
            "SELECT a, FROM 'a'                              | unexpected 'FROM' (expected an expression) at 1:11 | 1 | 11",
            "SELECT a # b FROM 'a'                           | unexpected character '#' at 1:10 | 1 | 10",
    })
    void refusesWithMessageAndPosition(String sql, String message, int line, int column) {
        SqlParseException error = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.compile(sql.strip(), SqlVersion.V2016_03_23));

        assertThat(error).as(sql).isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
        assertThat(error.line()).isEqualTo(line);
        assertThat(error.column()).isEqualTo(column);
    }

    @Test
    void positionsCountLinesInMultiLineSql() {
        SqlParseException error = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.compile("SELECT a\nFROM 'a/b'\nWHERE   b IN (1)", SqlVersion.V2016_03_23));

        assertThat(error.getMessage()).startsWith("IN is not an AWS IoT SQL operator");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT {'a': 1} AS o FROM 'a'                | an object literal needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT [1, 2] AS a FROM 'a'                  | an array literal needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT (SELECT VALUE n FROM e) AS n FROM 'a' | a nested SELECT needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT encode(*, 'base64') AS e FROM 'a'     | encode() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT decode(s, 'base64') AS d FROM 'a'     | decode() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT isUndefined(s) AS u FROM 'a'          | isUndefined() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT indexof(s, 'x') AS i FROM 'a'         | indexof() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT length(s) AS l FROM 'a'               | length() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT numbytes(s) AS n FROM 'a'             | numbytes() needs SQL version 2016-03-23 (this rule uses 2015-10-08) at 1:8",
            "SELECT cast(s AS Decimal) AS d FROM 'a'      | cast to Decimal needs SQL version 2016-03-23 in cast() at 1:8",
            "SELECT cast(s AS Boolean) AS b FROM 'a'      | cast to Boolean needs SQL version 2016-03-23 in cast() at 1:8",
    })
    void refuses2016FeaturesUnder2015(String sql, String message) throws SqlParseException {
        SqlParseException error = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.compile(sql.strip(), SqlVersion.V2015_10_08));

        assertThat(error).as(sql).isNotNull();
        assertThat(error.getMessage()).isEqualTo(message);
        // and the same SQL is fine under 2016-03-23
        assertThat(COMPILER.compile(sql.strip(), SqlVersion.V2016_03_23)).isNotNull();
    }

    @Test
    void templateErrorsPointIntoTheTemplate() {
        SqlParseException error = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.template("alerts/${topic(2}/x", SqlVersion.V2016_03_23));
        assertThat(error).isNotNull();
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(17);

        SqlParseException unterminated = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.template("alerts/${topic(2)", SqlVersion.V2016_03_23));
        assertThat(unterminated.getMessage()).isEqualTo("unterminated ${ in substitution template at 1:8");

        SqlParseException unknown = catchThrowableOfType(SqlParseException.class,
                () -> COMPILER.template("a/${nope()}", SqlVersion.V2016_03_23));
        assertThat(unknown.getMessage()).isEqualTo("unknown function nope at 1:5");
    }

    @Test
    void keywordsAreCaseInsensitiveAndValueIsAlsoAFieldName() throws SqlParseException {
        assertThat(COMPILER.compile("select color As c from 'a' where temperature > 1", SqlVersion.V2016_03_23).fromFilter())
                .isEqualTo("a");
        QueryResult result = COMPILER.compile("SELECT value AS v FROM 'a'", SqlVersion.V2016_03_23)
                .evaluate(SqlTesting.input("a", "{\"value\":3}"));
        assertThat(SqlTesting.json(((QueryResult.Selected) result).payload())).isEqualTo(SqlTesting.json("{\"v\":3}"));
    }

    @Test
    void fromIsOptionalForBasicIngestRules() throws SqlParseException {
        assertThat(COMPILER.compile("SELECT * WHERE a = 1", SqlVersion.V2016_03_23).fromFilter()).isNull();
    }
}
