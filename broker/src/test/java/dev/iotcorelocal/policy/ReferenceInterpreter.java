package dev.iotcorelocal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy language read the slow, obvious way, as the oracle for the compiled engine: the JSON
 * is parsed again for every request, each pattern becomes a java.util.regex with its variables
 * substituted as quoted text, nothing is cached. Covers the grammar the property tests generate
 * (the string, Bool, Null and set operators).
 */
final class ReferenceInterpreter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private ReferenceInterpreter() {
    }

    /** A decision as (outcome, policy index, statement index). */
    record Verdict(Outcome outcome, int policy, int statement) {
    }

    static Verdict decide(List<String> documents, MapRequestContext context, String action, String resource) {
        Verdict firstAllow = null;
        for (int p = 0; p < documents.size(); p++) {
            JsonNode root = read(documents.get(p));
            boolean variables = root.has("Version");
            JsonNode statements = root.get("Statement");
            List<JsonNode> list = new ArrayList<>();
            if (statements.isArray()) {
                statements.forEach(list::add);
            } else {
                list.add(statements);
            }
            for (int s = 0; s < list.size(); s++) {
                JsonNode statement = list.get(s);
                if (!applies(statement, variables, context, action, resource)) {
                    continue;
                }
                if (statement.get("Effect").asText().equals("Deny")) {
                    return new Verdict(Outcome.EXPLICIT_DENY, p, s);
                }
                if (firstAllow == null) {
                    firstAllow = new Verdict(Outcome.ALLOWED, p, s);
                }
            }
        }
        return firstAllow != null ? firstAllow : new Verdict(Outcome.IMPLICIT_DENY, -1, -1);
    }

    private static JsonNode read(String document) {
        try {
            return JSON.readTree(document);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean applies(JsonNode statement, boolean variables, MapRequestContext context, String action,
                                   String resource) {
        boolean notAction = statement.has("NotAction");
        boolean actionListed = false;
        for (String pattern : strings(statement.get(notAction ? "NotAction" : "Action"))) {
            actionListed |= Pattern.compile(regex(pattern, false, context), Pattern.CASE_INSENSITIVE)
                    .matcher(action).matches();
        }
        if (actionListed == notAction) {
            return false;
        }
        boolean notResource = statement.has("NotResource");
        boolean resourceListed = false;
        for (String pattern : strings(statement.get(notResource ? "NotResource" : "Resource"))) {
            String regex = regex(pattern, variables, context);
            resourceListed |= regex != null && Pattern.compile(regex).matcher(resource).matches();
        }
        if (resourceListed == notResource) {
            return false;
        }
        JsonNode condition = statement.get("Condition");
        if (condition != null) {
            for (Map.Entry<String, JsonNode> operator : condition.properties()) {
                for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                    if (!condition(operator.getKey(), key.getKey(), strings(key.getValue()), variables, context)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean condition(String operator, String key, List<String> written, boolean variables,
                                     MapRequestContext context) {
        List<String> values = new ArrayList<>();
        for (String value : written) {
            String substituted = variables ? substitute(value, context) : value;
            if (substituted != null) {
                values.add(substituted);
            }
        }
        String single = lookup(context.singleValues(), key);
        List<String> set = lookup(context.multiValues(), key);
        switch (operator) {
            case "StringEquals":
                return single != null && values.contains(single);
            case "StringEqualsIfExists":
                return single == null || values.contains(single);
            case "StringNotEquals":
                return single == null || !values.contains(single);
            case "StringLike":
                return single != null && values.stream().anyMatch(v -> likeRegex(v).matcher(single).matches());
            case "Bool":
                return single != null && values.stream().anyMatch(single::equalsIgnoreCase);
            case "Null":
                boolean absent = single == null && set == null;
                return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
            case "ForAnyValue:StringEquals":
                return set != null && set.stream().anyMatch(values::contains);
            case "ForAllValues:StringEquals":
                return set == null || values.containsAll(set);
            default:
                throw new IllegalArgumentException("the reference does not know " + operator);
        }
    }

    private static Pattern likeRegex(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static <T> T lookup(Map<String, T> map, String name) {
        for (Map.Entry<String, T> entry : map.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The text with variables replaced (escapes included), or null if one has no value. */
    private static String substitute(String text, MapRequestContext context) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = switch (name) {
                case "*", "?", "$" -> name;
                default -> lookup(context.singleValues(), name);
            };
            if (value == null) {
                return null;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A regex for a policy pattern: its own '*' and '?' are wildcards, variables' values quoted; null if unresolved. */
    private static String regex(String pattern, boolean variables, MapRequestContext context) {
        StringBuilder regex = new StringBuilder("(?s)");
        Matcher matcher = VARIABLE.matcher(pattern);
        int at = 0;
        while (variables && matcher.find()) {
            wildcards(pattern.substring(at, matcher.start()), regex);
            String name = matcher.group(1);
            String value = switch (name) {
                case "*", "?", "$" -> name;
                default -> lookup(context.singleValues(), name);
            };
            if (value == null) {
                return null;
            }
            regex.append(Pattern.quote(value));
            at = matcher.end();
        }
        wildcards(pattern.substring(at), regex);
        return regex.toString();
    }

    private static void wildcards(String text, StringBuilder regex) {
        for (char c : text.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
