package dev.iotcorelocal.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A user's YAML configuration file: its keys as a tree, and the line each key is on, so that every
 * refusal can name the file and line. Bad YAML, duplicate keys and a file that is not a mapping
 * are refused here.
 */
record ConfigFile(Path path, ObjectNode tree, Map<String, Integer> lines) {

    static ConfigFile read(Path path, ObjectMapper yaml) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file not found: " + path);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
        try {
            Map<String, Integer> lines = keyLines(path, text, yaml);
            JsonNode tree = yaml.readTree(text);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return new ConfigFile(path, yaml.createObjectNode(), lines);
            }
            if (!tree.isObject()) {
                throw new ConfigException(path + ": must be a YAML mapping of sections (like config/iotcore-local.yaml)");
            }
            return new ConfigFile(path, (ObjectNode) tree, lines);
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ":" + yamlErrorLine(e) + ": not valid YAML: " + yamlProblem(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // parsing a String in memory: no I/O to fail
        }
    }

    /** "FILE:LINE" of a key, or just the file when the key has no line (never for keys read here). */
    String where(String key) {
        Integer line = lines.get(key);
        return line == null ? path.toString() : path + ":" + line;
    }

    private static Map<String, Integer> keyLines(Path path, String text, ObjectMapper yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.getFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String key = keyPath(parser.getParsingContext());
                    int line = parser.currentTokenLocation().getLineNr();
                    Integer first = lines.putIfAbsent(key, line);
                    if (first != null) {
                        throw new ConfigException(path + ":" + line + ": duplicate key '" + key
                                + "' (already set on line " + first + "); YAML allows each key once");
                    }
                }
            }
        }
        return lines;
    }

    private static String keyPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            }
        }
        return String.join(".", parts);
    }

    private static int yamlErrorLine(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return marked.getProblemMark().getLine() + 1;
        }
        JsonLocation location = e.getLocation();
        return location == null ? 1 : Math.max(1, location.getLineNr());
    }

    private static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            return marked.getProblem().strip();
        }
        return e.getOriginalMessage().lines().findFirst().orElse("").strip();
    }
}
