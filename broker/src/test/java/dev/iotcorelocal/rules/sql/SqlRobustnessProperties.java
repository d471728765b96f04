package dev.iotcorelocal.rules.sql;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.iotcorelocal.rules.sql.SqlTesting.COMPILER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear error, never a crash: the compiler answers any text with a query or a
 * SqlParseException that has a position, and a compiled query answers any payload bytes with one
 * of the three results (a thrown exception fails the property).
 */
class SqlRobustnessProperties {
    private static final List<String> FRAGMENTS = List.of("SELECT", "select", "VALUE", "*", ",", "FROM", "WHERE",
            "'a/+/#'", "'x'", "\"y\"", "'", "\"", "(", ")", "{", "}", "[", "]", ":", ".", "AS", "AND", "OR", "NOT",
            "CASE", "WHEN", "THEN", "ELSE", "END", "cast", "Int", "String", "Decimal", "temp", "a.b.c", "1", "-2.5",
            "1E400", "99999999999999999999999999999999999999", "+", "-", "/", "%", "=", "<>", "<", ">=", "NULL",
            "true", "topic(2)", "topic", "get", "decode", "encode", "regexp_matches", "substring", "concat",
            "get_user_property", "${", "--", "/*", "!=", "||", "IN", "SET", "\\", "\n", " ", "é", "\u0000");
    private static final List<String> QUERIES = List.of(
            "SELECT * FROM 'a'",
            "SELECT *, topic(2) AS device, timestamp() AS ts FROM 'a/+' WHERE temp > 50",
            "SELECT VALUE a.b FROM 'a'",
            "SELECT (SELECT VALUE n FROM e WHERE v > 1) AS ns, get(arr, 0) AS first FROM 'a'",
            "SELECT decode(encode(*, 'base64'), 'base64') AS raw, md5(device) AS h FROM 'a'",
            "SELECT CASE kind WHEN 'x' THEN upper(name) ELSE concat(tags, 1) END AS k FROM 'a'",
            "SELECT regexp_replace(name, 'a+', 'b') AS r, substring(name, 1, 3) AS s, trunc(temp, 1) AS t FROM 'a'",
            "SELECT cast(temp AS Int) AS i, temp / 0 AS z, temp * 1E10 AS big, -temp AS neg FROM 'a'",
            "SELECT get_user_properties() AS all, get_mqtt_property('content_type') AS c FROM 'a' WHERE NOT isNull(x)",
            "SELECT VALUE transform('enrichArray', attrs, values) FROM 'a'");

    @Provide
    Arbitrary<String> sqlish() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().ofMaxLength(4));
        return fragment.list().ofMaxSize(24).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 3000)
    void compilerAnswersAnyTextWithAQueryOrAPositionedError(@ForAll("sqlish") String sql) {
        for (SqlVersion version : SqlVersion.values()) {
            try {
                assertThat(COMPILER.compile(sql, version)).isNotNull();
            } catch (SqlParseException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                assertThat(refused.line()).isPositive();
                assertThat(refused.column()).isPositive();
            }
            try {
                assertThat(COMPILER.template(sql, version)).isNotNull();
            } catch (SqlParseException refused) {
                assertThat(refused.line()).isPositive();
                assertThat(refused.column()).isPositive();
            }
        }
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> jsonish = Arbitraries.of("{\"temp\":", "[", "]", "{", "}", "\"name\":\"aaa\"", ",", "1.5e3",
                        "null", "\"e\":[{\"n\":1,\"v\":2}]", "\"arr\":[", "true", "\"tags\":[1,\"x\"]", "-0", "1E999",
                        "\"attrs\":{\"k\":1}", "\"values\":[{\"a\":1}]", "\"kind\":\"x\"", "\"\\u0000\"")
                .list().ofMaxSize(16).map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, jsonish);
    }

    @Property(tries = 3000)
    void queriesAnswerAnyPayloadWithAResult(@ForAll("payloads") byte[] payload) throws SqlParseException {
        List<UserProperty> userProperties = new ArrayList<>(List.of(new UserProperty("k", "v")));
        RuleInput input = new RuleInput("a/b", payload, new PublishProperties(0, null, 0, null, null, userProperties,
                List.of(), null), null, null, null, null, 0L);
        for (String sql : QUERIES) {
            QueryResult result = COMPILER.compile(sql, SqlVersion.V2016_03_23).evaluate(input);
            assertThat(result).as(sql).isNotNull();
            if (result instanceof QueryResult.Selected selected) {
                assertThat(selected.payload()).isNotNull();
            }
        }
        assertThat(COMPILER.template("${temp}/${topic(2)}/${no_such_field}", SqlVersion.V2016_03_23).render(input)).endsWith("/b/");
    }
}
