package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Terms;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Functions over values: get, null tests, defaults, base64 encode/decode, hashes, transform (spec B2). */
final class ValueFunctions {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValueFunctions() { }

    static void register(FunctionRegistry registry) {
        registry.add(new FunctionSpec("get", 2, 2, false, (args, c) -> Calls.call2(args, ValueFunctions::get)));
        registry.add(new FunctionSpec("isnull", 1, 1, false, (args, c) -> Calls.call1(args, a -> Values.bool(a.isNull()))));
        registry.add(new FunctionSpec("isundefined", 1, 1, true, (args, c) ->
                Calls.call1(args, a -> Values.bool(Values.isUndefined(a)))));
        registry.add(new FunctionSpec("get_or_default", 2, 2, false, (args, c) -> Calls.call2(args, (a, b) ->
                Values.isUndefined(a) ? b : a)));
        registry.add(new FunctionSpec("encode", 2, 2, true, ValueFunctions::encode));
        registry.add(new FunctionSpec("decode", 2, 2, true, ValueFunctions::decode));
        registry.add(new FunctionSpec("transform", 3, 3, true, (args, c) -> {
            requireLiteralOrLeave(args.get(0), "enrichArray", c);
            return Calls.call3(args, ValueFunctions::transform);
        }));
        for (String algorithm : Hashes.NAMES) {
            registry.add(new FunctionSpec(algorithm, 1, 1, false, (args, c) -> {
                Hashes hash = Hashes.of(algorithm);
                return Calls.call1(args, a -> {
                    String s = Args.text(a, c.wholeAsInt());
                    return s == null ? Values.UNDEFINED : Values.text(hash.hex(s));
                });
            }));
        }
    }

    private static JsonNode get(JsonNode collection, JsonNode key) {
        if (collection.isObject()) {
            JsonNode value = key.isTextual() ? collection.get(key.textValue()) : null;
            return value == null ? Values.UNDEFINED : value;
        }
        if (collection.isArray() || collection.isTextual()) {
            Integer index = Args.intFloor(key);
            if (index == null || index < 0) {
                return Values.UNDEFINED;
            }
            if (collection.isArray()) {
                return index < collection.size() ? collection.get(index) : Values.UNDEFINED;
            }
            String s = collection.textValue();
            return index < s.length() ? Values.text(String.valueOf(s.charAt(index))) : Values.UNDEFINED;
        }
        return Values.UNDEFINED;
    }

    /** A literal scheme must be the one AWS supports; a computed one is checked per message. */
    private static void requireLiteralOrLeave(Expr arg, String expected, FunctionContext context) throws SqlParseException {
        JsonNode literal = arg.constant();
        if (literal != null && !(literal.isTextual() && literal.textValue().equalsIgnoreCase(expected))) {
            throw context.error("unsupported mode " + literal + " (only '" + expected + "')");
        }
    }

    private static Expr encode(List<Expr> args, FunctionContext context) throws SqlParseException {
        requireLiteralOrLeave(args.get(1), "base64", context);
        Expr value = args.get(0);
        Expr scheme = args.get(1);
        boolean whole = context.wholeAsInt();
        boolean wholePayload = value instanceof Terms.Star;
        return (input, row) -> {
            if (!isBase64(scheme.eval(input, row))) {
                return Values.UNDEFINED;
            }
            byte[] bytes;
            if (wholePayload) {
                bytes = input.payload();
            } else {
                JsonNode v = value.eval(input, row);
                String s = v.isBinary() ? null : Args.text(v, whole);
                if (s == null) {
                    return Values.UNDEFINED;
                }
                bytes = s.getBytes(StandardCharsets.UTF_8);
            }
            return Values.text(Base64.getEncoder().encodeToString(bytes));
        };
    }

    private static Expr decode(List<Expr> args, FunctionContext context) throws SqlParseException {
        requireLiteralOrLeave(args.get(1), "base64", context);
        boolean whole = context.wholeAsInt();
        return Calls.call2(args, (v, scheme) -> {
            if (!isBase64(scheme)) {
                return Values.UNDEFINED;
            }
            String s = v.isBinary() ? new String(((BinaryNode) v).binaryValue(), StandardCharsets.UTF_8) : Args.text(v, whole);
            if (s == null) {
                return Values.UNDEFINED;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(s.strip());
            } catch (IllegalArgumentException notBase64) {
                return NullNode.getInstance();
            }
            JsonNode json = parseJson(bytes);
            return json != null ? json : Values.text(new String(bytes, StandardCharsets.UTF_8));
        });
    }

    /** One JSON value and nothing after it, or null (as the payload's own parse, ParsedPayload). */
    private static JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            JsonNode tree = MAPPER.readTree(parser);
            return tree != null && parser.nextToken() == null ? tree : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static boolean isBase64(JsonNode scheme) {
        return scheme.isTextual() && scheme.textValue().toLowerCase(Locale.ROOT).equals("base64");
    }

    private static JsonNode transform(JsonNode mode, JsonNode attributes, JsonNode array) {
        if (!mode.isTextual() || !mode.textValue().equalsIgnoreCase("enrichArray") || !attributes.isObject()
                || !array.isArray()) {
            return Values.UNDEFINED;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(array.size());
        for (JsonNode element : array) {
            if (!element.isObject()) {
                return Values.UNDEFINED;
            }
            ObjectNode enriched = JsonNodeFactory.instance.objectNode();
            enriched.setAll((ObjectNode) element);
            enriched.setAll((ObjectNode) attributes);
            out.add(enriched);
        }
        return out;
    }
}
