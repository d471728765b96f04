package dev.iotcorelocal.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.iotcorelocal.pki.PemCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a start-up seed file (YAML, or JSON, which YAML reads too): policies, thing types, thing
 * groups, things, certificates by PEM file, and their attachments, for CI jobs that want a
 * fixed world without API calls. Entries are applied in that order through the same services as
 * the HTTP API, so they obey the same rules; the first bad entry stops the start with the file,
 * the entry and the reason. Format: docs/registry-seed.md.
 */
public final class RegistrySeed {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> KEYS = Map.of(
            "", Set.of("thing-types", "thing-groups", "things", "policies", "certificates"),
            "thing-types", Set.of("name"),
            "thing-groups", Set.of("name", "parent", "policies"),
            "things", Set.of("name", "type", "attributes", "groups"),
            "policies", Set.of("name", "document"),
            "certificates", Set.of("file", "status", "policies", "things", "thing-principal-type"));

    private final Path file;
    private final SecurityRegistry registry;
    private final ThingProvisioning things;

    private RegistrySeed(Path file, SecurityRegistry registry, ThingProvisioning things) {
        this.file = file;
        this.registry = registry;
        this.things = things;
    }

    /** Applies the file; returns how many entries it applied. Reads files: call at start only. */
    public static int apply(Path file, SecurityRegistry registry, ThingProvisioning things) {
        return new RegistrySeed(file, registry, things).apply();
    }

    private int apply() {
        JsonNode root = read();
        checkKeys(root, "", "the file");
        int applied = 0;
        applied += each(root, "policies", (entry, where) -> registry.policies().create(text(entry, "name", where, true),
                document(entry, where), Map.of()));
        applied += each(root, "thing-types", (entry, where) -> things.createThingType(text(entry, "name", where, true)));
        applied += each(root, "thing-groups", (entry, where) -> {
            String name = text(entry, "name", where, true);
            things.createThingGroup(name, text(entry, "parent", where, false));
            for (String policy : list(entry, "policies", where)) {
                registry.attachments().attachPolicy(policy, registry.arns().thingGroup(name));
            }
        });
        applied += each(root, "things", (entry, where) -> {
            String name = text(entry, "name", where, true);
            things.createThing(name, text(entry, "type", where, false), attributes(entry, where));
            for (String group : list(entry, "groups", where)) {
                things.addThingToGroup(name, group);
            }
        });
        applied += each(root, "certificates", this::certificate);
        return applied;
    }

    private void certificate(JsonNode entry, String where) {
        Path pem = file.toAbsolutePath().getParent().resolve(text(entry, "file", where, true));
        String text;
        try {
            text = Files.readString(pem);
        } catch (IOException e) {
            throw new SeedEntryException("cannot read certificate file " + pem + ": " + e.getMessage());
        }
        X509Certificate certificate = PemCodec.parseCertificate(text).orElseThrow(() ->
                new SeedEntryException(pem + " does not hold a PEM certificate"));
        String status = text(entry, "status", where, false);
        DeviceCertificate record = registry.certificates().registerIfAbsent(certificate,
                CertificateStatus.parse(status == null ? "ACTIVE" : status, "status"));
        for (String policy : list(entry, "policies", where)) {
            registry.attachments().attachPolicy(policy, record.arn());
        }
        String type = text(entry, "thing-principal-type", where, false);
        for (String thing : list(entry, "things", where)) {
            registry.attachments().attachThingPrincipal(thing, record.arn(), type);
        }
    }

    private JsonNode read() {
        String content;
        try {
            content = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new SeedException("registry seed file not found: " + file);
        } catch (IOException e) {
            throw new SeedException("cannot read registry seed file " + file + ": " + e.getMessage());
        }
        try {
            JsonNode root = YAML.readTree(content);
            return root == null || root.isMissingNode() || root.isNull() ? YAML.createObjectNode() : root;
        } catch (JsonProcessingException e) {
            throw new SeedException("registry seed file " + file + " is not valid YAML or JSON: "
                    + e.getOriginalMessage());
        }
    }

    private int each(JsonNode root, String section, EntryAction action) {
        JsonNode entries = root.get(section);
        if (entries == null || entries.isNull()) {
            return 0;
        }
        if (!entries.isArray()) {
            throw new SeedException("registry seed file " + file + ": " + section + " must be a list of entries");
        }
        if (things == null && section.startsWith("thing")) {
            throw new SeedException("registry seed file " + file + ": " + section + " need the things registry, "
                    + "which this broker was started without");
        }
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            JsonNode label = entry.isObject() ? entry.get(section.equals("certificates") ? "file" : "name") : null;
            String where = section + "[" + i + "]" + (label != null && label.isTextual() ? " (" + label.asText() + ")"
                    : "");
            try {
                if (!entry.isObject()) {
                    throw new SeedEntryException("must be a mapping of keys");
                }
                checkKeys(entry, section, where);
                action.apply(entry, where);
            } catch (SeedEntryException | RegistryRefusal | IllegalArgumentException e) {
                String type = e instanceof RegistryRefusal r ? r.error().awsType() + ": " : "";
                throw new SeedException("registry seed file " + file + ": " + where + ": " + type + e.getMessage());
            }
        }
        return entries.size();
    }

    private void checkKeys(JsonNode node, String section, String where) {
        if (!node.isObject()) {
            throw new SeedException("registry seed file " + file + " must be a mapping of sections");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!KEYS.get(section).contains(key)) {
                String message = "unknown key '" + key + "'; expected one of " + new java.util.TreeSet<>(
                        KEYS.get(section));
                if (section.isEmpty()) {
                    throw new SeedException("registry seed file " + file + ": " + message);
                }
                throw new SeedEntryException(message);
            }
        }
    }

    private static String text(JsonNode entry, String key, String where, boolean required) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new SeedEntryException("'" + key + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new SeedEntryException("'" + key + "' must be a string");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode entry, String key, String where) {
        JsonNode value = entry.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new SeedEntryException("'" + key + "' must be a list of names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new SeedEntryException("'" + key + "' must hold names, found " + item);
            }
            names.add(item.asText());
        }
        return names;
    }

    private static Map<String, String> attributes(JsonNode entry, String where) {
        JsonNode value = entry.get("attributes");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return attributes;
        }
        if (!value.isObject()) {
            throw new SeedEntryException("'attributes' must be a mapping of names to values");
        }
        value.fields().forEachRemaining(field -> {
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw new SeedEntryException("attribute '" + field.getKey() + "' must be a string");
            }
            attributes.put(field.getKey(), field.getValue().asText());
        });
        return attributes;
    }

    /** A document given as a mapping is written as the JSON AWS stores; a string is taken as it is. */
    private static String document(JsonNode entry, String where) {
        JsonNode value = entry.get("document");
        if (value == null || value.isNull()) {
            throw new SeedEntryException("'document' is required");
        }
        if (value.isTextual()) {
            return value.asText();
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SeedEntryException("'document' cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private interface EntryAction {
        void apply(JsonNode entry, String where);
    }

    /** A bad entry's reason, before the file and entry are put in front of it. */
    private static final class SeedEntryException extends RuntimeException {
        SeedEntryException(String message) {
            super(message, null, false, false);
        }
    }

    /** The seed file cannot be applied; the message names the file, the entry and the reason. */
    public static final class SeedException extends RuntimeException {
        public SeedException(String message) {
            super(message);
        }
    }
}
