package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * A validated {@code /update} request. A section is {@link #ABSENT} (left as stored), null
 * ({@code "desired": null} removes it) or the object to merge. Checks run in the order the spec
 * proposes (JSON, structure, clientToken, version, depth), each refusal with AWS's text.
 *
 * @param clearState {@code "state": null}: both sections go
 * @param version the expected version, or -1 for none
 */
record UpdateRequest(ObjectNode desired, ObjectNode reported, boolean clearState, String clientToken, long version) {
    /** Marks a section the request does not mention. */
    static final ObjectNode ABSENT = ShadowJson.object();

    boolean touchesDesired() {
        return desired != ABSENT && desired != null;
    }

    static UpdateRequest parse(byte[] payload) {
        ObjectNode root = object(payload);
        String token = ClientTokens.lenient(root);
        if (!root.has("state")) {
            throw ShadowRejection.badRequest(ShadowRejection.MISSING_STATE, token);
        }
        JsonNode state = root.get("state");
        ObjectNode desired = ABSENT;
        ObjectNode reported = ABSENT;
        if (!state.isNull()) {
            if (!state.isObject()) {
                throw ShadowRejection.badRequest(ShadowRejection.STATE_NOT_OBJECT, token);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                switch (field.getKey()) {
                    case "desired" -> desired = section(field.getValue(), ShadowRejection.DESIRED_NOT_OBJECT, token);
                    case "reported" -> reported = section(field.getValue(), ShadowRejection.REPORTED_NOT_OBJECT, token);
                    default -> throw ShadowRejection.badRequest(ShadowRejection.INVALID_NODE, token);
                }
            }
        }
        String clientToken = ClientTokens.strict(root);
        long version = version(root.get("version"), clientToken);
        checkDepth(desired, clientToken);
        checkDepth(reported, clientToken);
        return new UpdateRequest(desired, reported, state.isNull(), clientToken, version);
    }

    /** The payload as a JSON object, or 400 Invalid JSON (415 when it is not UTF-8 at all). */
    static ObjectNode object(byte[] payload) {
        JsonNode root;
        try {
            root = ShadowJson.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            if (!isUtf8(payload)) {
                throw new ShadowRejection(415, ShadowRejection.NOT_UTF8, null);
            }
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_JSON, null);
        } catch (IOException e) {
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_JSON, null);
        }
        if (root == null || !root.isObject()) {
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_JSON, null);
        }
        return (ObjectNode) root;
    }

    private static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static ObjectNode section(JsonNode node, String notObject, String token) {
        if (node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ShadowRejection.badRequest(notObject, token);
        }
        if (hasNullInArray(node, false)) {
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_NODE, token);
        }
        return (ObjectNode) node;
    }

    /** AWS: {@code [null,"RED"]} "is not valid and will be rejected"; a null member of an object removes it. */
    private static boolean hasNullInArray(JsonNode node, boolean inArray) {
        if (node.isNull()) {
            return inArray;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasNullInArray(child, inArray || node.isArray())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long version(JsonNode node, String token) {
        if (node == null || node.isNull()) {
            return -1;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw ShadowRejection.badRequest(ShadowRejection.INVALID_VERSION, token);
        }
        return node.longValue();
    }

    private static void checkDepth(ObjectNode section, String token) {
        if (section != null && section != ABSENT && depth(section) > ShadowLimits.MAX_DEPTH) {
            throw ShadowRejection.badRequest(ShadowRejection.TOO_DEEP, token);
        }
    }

    /** The section object is level 1; every nested object or array adds one. */
    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                deepest = Math.max(deepest, depth(child));
            }
        }
        return deepest + 1;
    }
}
