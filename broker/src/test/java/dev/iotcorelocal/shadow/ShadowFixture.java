package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.session.ManualTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An engine on a manual clock, and JSON comparison that checks values and key order. */
final class ShadowFixture {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    final ManualTime time = new ManualTime(Instant.ofEpochSecond(1_591_140_517L));
    final InMemoryShadowStore store = new InMemoryShadowStore();
    final ShadowEngine engine = new ShadowEngine(store, time.clock());

    void at(long epochSeconds) {
        time.advance(Duration.between(time.now(), Instant.ofEpochSecond(epochSeconds)));
    }

    ShadowResult update(ShadowKey key, String json) {
        return engine.handle(key, ShadowOperation.UPDATE, json.getBytes(StandardCharsets.UTF_8));
    }

    ShadowResult get(ShadowKey key, String payload) {
        return engine.handle(key, ShadowOperation.GET, payload.getBytes(StandardCharsets.UTF_8));
    }

    ShadowResult delete(ShadowKey key, String payload) {
        return engine.handle(key, ShadowOperation.DELETE, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Equal after parsing, keys in the same order: both sides re-written compactly and compared as text. */
    static void assertJson(byte[] actual, String expected) {
        assertThat(actual).as("document").isNotNull();
        assertThat(canonical(new String(actual, StandardCharsets.UTF_8))).isEqualTo(canonical(expected));
    }

    static String canonical(String json) {
        try {
            return PLAIN.writeValueAsString(PLAIN.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return PLAIN.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
