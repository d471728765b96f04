package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The shadow's one JSON configuration. Numbers keep the form they were written in (1.10 stays
 * 1.10: AWS stores documents, it does not reformat them); objects keep their key order (Jackson's
 * ObjectNode is insertion-ordered), which the device SDKs' text comparisons rely on.
 */
final class ShadowJson {
    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ShadowJson() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Writes a document with the generator and returns its bytes. */
    static byte[] write(DocumentWriter writer) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator generator = MAPPER.getFactory().createGenerator(bytes)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException("a tree always serialises", e);
        }
    }

    static void tree(JsonGenerator generator, String field, JsonNode node) throws IOException {
        generator.writeFieldName(field);
        MAPPER.writeTree(generator, node);
    }

    @FunctionalInterface
    interface DocumentWriter {
        void write(JsonGenerator generator) throws IOException;
    }
}
