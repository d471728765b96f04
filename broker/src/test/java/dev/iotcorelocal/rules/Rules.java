package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.message.Origin;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.action.ActionFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test fixtures: rules over the fake compiler, payloads from JSON text, messages. */
final class Rules {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

    private Rules() {
    }

    static TopicRules topicRules(RuleStore store, List<ActionFactory> factories) {
        return new TopicRules(store, new RuleCompiler(new FakeSqlCompiler(), new ActionRegistry(factories),
                URI.create("http://127.0.0.1:1"), "eu-west-1", "123456789012"), CLOCK);
    }

    /** JSON where ' stands for ", so tests need no escaped quotes. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A topicRulePayload: the SQL as given, the actions as JSON where ' stands for ". */
    static ObjectNode payload(String sql, String actions) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("sql", sql);
        payload.set("actions", json(actions));
        return payload;
    }

    static Message message(String topic, String payload, String clientId) {
        return new Message(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, PublishProperties.EMPTY,
                Message.NEVER, clientId, clientId == null ? null : new Origin("ab".repeat(32), "127.0.0.1"));
    }
}
