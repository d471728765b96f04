package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Functions about the message rather than its payload: topic, identity, time, MQTT 5 properties (spec B2). */
final class MessageFunctions {
    private static final JsonNode NOT_MQTT = Values.text("n/a");

    private MessageFunctions() { }

    static void register(FunctionRegistry registry) {
        registry.add(new FunctionSpec("topic", 0, 1, false, MessageFunctions::topic));
        registry.add(new FunctionSpec("clientid", 0, 0, false, (args, context) -> Calls.call0(input ->
                input.clientId() == null ? NOT_MQTT : Values.text(input.clientId()))));
        registry.add(new FunctionSpec("principal", 0, 0, false, (args, context) ->
                Calls.call0(input -> Values.text(input.principal()))));
        registry.add(new FunctionSpec("sourceip", 0, 0, false, (args, context) ->
                Calls.call0(input -> Values.text(input.sourceIp()))));
        registry.add(new FunctionSpec("traceid", 0, 0, false, (args, context) ->
                Calls.call0(input -> Values.text(input.traceId()))));
        registry.add(new FunctionSpec("timestamp", 0, 0, false, (args, context) ->
                Calls.call0(input -> JsonNodeFactory.instance.numberNode(input.timestampMillis()))));
        registry.add(new FunctionSpec("newuuid", 0, 0, false, (args, context) ->
                Calls.call0(input -> Values.text(context.uuids().get().toString()))));
        registry.add(new FunctionSpec("accountid", 0, 0, false, (args, context) -> {
            JsonNode account = Values.text(context.accountId());
            return Calls.call0(input -> account);
        }));
        registry.add(new FunctionSpec("sql_version", 0, 0, false, (args, context) -> {
            JsonNode version = Values.text(context.version().text());
            return Calls.call0(input -> version);
        }));
        registry.add(new FunctionSpec("get_user_properties", 0, 1, false, (args, context) ->
                args.isEmpty() ? Calls.call0(MessageFunctions::allUserProperties)
                        : userProperty(args.get(0), context.wholeAsInt(), false)));
        registry.add(new FunctionSpec("get_user_property", 1, 1, false, (args, context) -> {
            context.warnings().accept("get_user_property() is not an AWS function: AWS spells it get_user_properties(key), "
                    + "which returns an Array of values (use get(get_user_properties('k'), 0) for the first); "
                    + "the emulator answers the first value as a String");
            return userProperty(args.get(0), context.wholeAsInt(), true);
        }));
        registry.add(new FunctionSpec("get_mqtt_property", 1, 1, false, (args, context) -> {
            Expr name = args.get(0);
            boolean whole = context.wholeAsInt();
            return (input, row) -> mqttProperty(input.properties(), Args.text(name.eval(input, row), whole));
        }));
    }

    private static Expr topic(List<Expr> args, FunctionContext context) {
        if (args.isEmpty()) {
            return Calls.call0(input -> Values.text(input.topic()));
        }
        Expr index = args.get(0);
        return (input, row) -> {
            Integer n = Args.intFloor(index.eval(input, row));
            return n == null ? Values.UNDEFINED : Values.text(segment(input.topic(), n));
        };
    }

    /** The 1-based level {@code n} of {@code topic}, or null when it has no such level (PROPOSED: Undefined). */
    static String segment(String topic, int n) {
        if (n < 1) {
            return null;
        }
        int start = 0;
        for (int level = 1; level < n; level++) {
            int slash = topic.indexOf('/', start);
            if (slash < 0) {
                return null;
            }
            start = slash + 1;
        }
        int end = topic.indexOf('/', start);
        return topic.substring(start, end < 0 ? topic.length() : end);
    }

    private static JsonNode allUserProperties(RuleInput input) {
        List<UserProperty> properties = userProperties(input);
        if (properties.isEmpty()) {
            return Values.UNDEFINED;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(properties.size());
        for (UserProperty property : properties) {
            out.addObject().put(property.name(), property.value());
        }
        return out;
    }

    private static Expr userProperty(Expr key, boolean wholeAsInt, boolean firstOnly) {
        return (input, row) -> {
            String name = Args.text(key.eval(input, row), wholeAsInt);
            if (name == null) {
                return Values.UNDEFINED;
            }
            ArrayNode values = null;
            for (UserProperty property : userProperties(input)) {
                if (property.name().equals(name)) {
                    if (firstOnly) {
                        return Values.text(property.value());
                    }
                    if (values == null) {
                        values = JsonNodeFactory.instance.arrayNode();
                    }
                    values.add(property.value());
                }
            }
            return values == null ? Values.UNDEFINED : values;
        };
    }

    private static List<UserProperty> userProperties(RuleInput input) {
        PublishProperties properties = input.properties();
        return properties == null ? List.of() : properties.userProperties();
    }

    private static JsonNode mqttProperty(PublishProperties properties, String name) {
        if (properties == null || name == null) {
            return Values.UNDEFINED;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "content_type" -> Values.text(properties.contentType());
            case "response_topic" -> Values.text(properties.responseTopic());
            case "correlation_data" -> properties.correlationData() == null ? Values.UNDEFINED
                    : Values.text(Base64.getEncoder().encodeToString(properties.correlationData()));
            case "format_indicator" -> properties.payloadFormatIndicator() == null ? Values.UNDEFINED
                    : Values.text(properties.payloadFormatIndicator() == 1 ? "UTF8_DATA" : "UNSPECIFIED_BYTES");
            default -> Values.UNDEFINED;
        };
    }
}
