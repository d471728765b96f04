package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.packet.PublishProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Compiles and runs SQL the way the rules engine will, for the SQL tests. */
final class SqlTesting {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long NOW = 1579637878451L;
    static final UUID FIXED_UUID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    static final AwsIotSqlCompiler COMPILER = new AwsIotSqlCompiler("123456789012", () -> FIXED_UUID);

    private SqlTesting() { }

    static RuleInput input(String topic, String payload) {
        return input(topic, payload.getBytes(StandardCharsets.UTF_8), PublishProperties.EMPTY);
    }

    static RuleInput input(String topic, byte[] payload, PublishProperties properties) {
        return new RuleInput(topic, payload, properties, "client-1", "principal-1", "127.0.0.1",
                "7e146a2c-95b5-6caf-98b9-50e3969734c7", NOW);
    }

    static QueryResult run(String sql, SqlVersion version, RuleInput input) {
        try {
            return COMPILER.compile(sql, version).evaluate(input);
        } catch (SqlParseException e) {
            throw new AssertionError("did not compile: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The selected payload of a 2016-03-23 query, as JSON. */
    static JsonNode select(String sql, String payload) {
        return select(sql, SqlVersion.V2016_03_23, input("topic/subtopic", payload));
    }

    static JsonNode select(String sql, SqlVersion version, RuleInput input) {
        QueryResult result = run(sql, version, input);
        assertThat(result).as(sql).isInstanceOf(QueryResult.Selected.class);
        return json(((QueryResult.Selected) result).payload());
    }

    /** The value of {@code expression} alone: {@code SELECT VALUE expression}, "" when Undefined. */
    static String value(String expression, SqlVersion version) {
        QueryResult result = run("SELECT VALUE " + expression + " FROM 'a'", version, input("a/b", "{}"));
        assertThat(result).as(expression).isInstanceOf(QueryResult.Selected.class);
        return new String(((QueryResult.Selected) result).payload(), StandardCharsets.UTF_8);
    }

    static String value(String expression) {
        return value(expression, SqlVersion.V2016_03_23);
    }

    static JsonNode json(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }
}
