package dev.iotcorelocal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS IoT's policy grammar (IAM's, spec §2.1), the one place it is written down: Version
 * 2012-10-17 or absent, Statement as one object or a non-empty array, each with Effect, Action
 * or NotAction, Resource or NotResource, optional Sid and Condition; no Principal. Condition
 * operators are IAM's; values of typed operators (IP, number, date, Bool, Null) must parse.
 */
final class PolicyParser {
    static final String VERSION_2012 = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+");
    private static final RequestContext NO_CONTEXT = MapRequestContext.empty();

    private final String policyName;
    private final String versionId;
    private final List<String> warnings = new ArrayList<>();
    private boolean variables;

    PolicyParser(String policyName, String versionId) {
        this.policyName = policyName;
        this.versionId = versionId;
    }

    List<String> warnings() {
        return warnings;
    }

    List<CompiledStatement> parse(String document) {
        if (document == null || document.isBlank()) {
            throw malformed("policyDocument is required");
        }
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (JsonProcessingException e) {
            throw malformed("the policy document is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("the policy document must be a JSON object");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("Version") && !key.equals("Statement") && !key.equals("Id")) {
                throw malformed("unknown policy element '" + key + "'");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && version.asText().equals(VERSION_2012))) {
            throw malformed("Version must be \"" + VERSION_2012 + "\", was " + version);
        }
        variables = version != null; // IAM's 2008 language has no policy variables
        JsonNode statements = root.get("Statement");
        if (statements == null) {
            throw malformed("the policy document has no Statement");
        }
        List<CompiledStatement> compiled = new ArrayList<>();
        if (statements.isObject()) {
            compiled.add(statement(statements, 0));
        } else if (statements.isArray() && !statements.isEmpty()) {
            for (int i = 0; i < statements.size(); i++) {
                compiled.add(statement(statements.get(i), i));
            }
        } else {
            throw malformed("Statement must be an object or a non-empty array of objects");
        }
        if (!variables && document.contains("${")) {
            warnings.add("the policy has no \"Version\": \"" + VERSION_2012 + "\", so ${...} is literal text, "
                    + "not a policy variable");
        }
        return compiled;
    }

    private CompiledStatement statement(JsonNode statement, int index) {
        String where = "Statement[" + index + "]";
        if (!statement.isObject()) {
            throw malformed(where + " must be an object");
        }
        for (Iterator<String> keys = statement.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals("Principal") || key.equals("NotPrincipal")) {
                throw malformed(where + " has " + key + ": AWS IoT policies are attached to principals and "
                        + "cannot name one");
            }
            if (!STATEMENT_KEYS.contains(key)) {
                throw malformed(where + " has unknown element '" + key + "'");
            }
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !effect.isTextual()
                || !(effect.asText().equals("Allow") || effect.asText().equals("Deny"))) {
            throw malformed(where + ".Effect must be \"Allow\" or \"Deny\", was " + effect);
        }
        boolean notAction = statement.has("NotAction");
        List<String> actions = exactlyOne(statement, where, "Action", "NotAction", true);
        boolean notResource = statement.has("NotResource");
        List<Template> resources = new ArrayList<>();
        for (String resource : exactlyOne(statement, where, "Resource", "NotResource", false)) {
            Template template = Template.parse(resource, variables);
            warnUnknownVariables(template, where);
            resources.add(template);
        }
        List<CompiledCondition> conditions = statement.has("Condition")
                ? conditions(statement.get("Condition"), where) : List.of();
        JsonNode sid = statement.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw malformed(where + ".Sid must be a string");
        }
        return new CompiledStatement(policyName, versionId, index, sid == null ? null : sid.asText(),
                effect.asText().equals("Allow"), actions, notAction, resources, notResource, conditions);
    }

    private void warnUnknownVariables(Template template, String where) {
        for (String unknown : template.unknownVariables()) {
            String suggestion = PolicyVariables.suggestion(unknown);
            warnings.add(where + " uses ${" + unknown + "}, which is not an AWS IoT policy variable and never "
                    + "resolves" + (suggestion == null ? "" : "; did you mean ${" + suggestion + "}?"));
        }
    }

    private static List<String> exactlyOne(JsonNode statement, String where, String positive, String negative,
                                           boolean actions) {
        JsonNode value = statement.get(positive);
        JsonNode negated = statement.get(negative);
        if ((value == null) == (negated == null)) {
            throw malformed(where + " must have exactly one of " + positive + " and " + negative);
        }
        String field = where + "." + (value != null ? positive : negative);
        JsonNode node = value != null ? value : negated;
        List<String> entries = new ArrayList<>();
        if (node.isTextual()) {
            entries.add(entry(node.asText(), field, actions));
        } else if (node.isArray() && !node.isEmpty()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw malformed(field + " must hold strings, found " + item);
                }
                entries.add(entry(item.asText(), field, actions));
            }
        } else {
            throw malformed(field + " must be a string or a non-empty array of strings");
        }
        return entries;
    }

    private static String entry(String value, String field, boolean action) {
        if (action && !ACTION.matcher(value).matches()) {
            throw malformed(field + " has an invalid action '" + value + "' (expected e.g. iot:Publish or iot:*)");
        }
        if (!action && !(value.equals("*") || value.startsWith("arn:"))) {
            throw malformed(field + " has an invalid resource '" + value + "' (expected an ARN or *)");
        }
        return value;
    }

    private List<CompiledCondition> conditions(JsonNode condition, String where) {
        if (!condition.isObject()) {
            throw malformed(where + ".Condition must be an object of operators");
        }
        List<CompiledCondition> compiled = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String field = where + ".Condition." + name;
            CompiledCondition.Operator operator = CompiledCondition.parseOperator(name)
                    .orElseThrow(() -> malformed(field + " is not a condition operator" + operatorHint(name)));
            if (!entry.getValue().isObject()) {
                throw malformed(field + " must be an object of keys");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (PolicyVariables.canonical(key.getKey()) == null) {
                    String suggestion = PolicyVariables.suggestion(key.getKey());
                    warnings.add(field + " tests " + key.getKey() + ", which is not an AWS IoT condition key and is "
                            + "always absent" + (suggestion == null ? "" : "; did you mean " + suggestion + "?"));
                }
                List<Template> values = new ArrayList<>();
                for (String value : values(key.getValue(), field)) {
                    Template template = Template.parse(value, variables);
                    checkValue(operator, template, field + "." + key.getKey());
                    warnUnknownVariables(template, field);
                    values.add(template);
                }
                compiled.add(new CompiledCondition(name, operator, key.getKey(), values));
            }
        }
        return compiled;
    }

    private static List<String> values(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        if (node.isValueNode() && !node.isNull()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    throw malformed(field + " values must be strings, numbers or booleans, found " + item);
                }
                values.add(item.asText());
            }
        } else {
            throw malformed(field + " values must be strings or arrays");
        }
        return values;
    }

    /**
     * A constant value must be of the operator's type; one with variables is checked when bound.
     * An Arn pattern with fewer than six fields is accepted and matches nothing, as IAM compares
     * field by field.
     */
    private static void checkValue(CompiledCondition.Operator operator, Template value, String field) {
        ConditionOperator base = operator.base();
        if (value.hasVariables() || base.arn()) {
            return;
        }
        String text = value.bindText(NO_CONTEXT);
        boolean bool = base == ConditionOperator.BOOL || base == ConditionOperator.NULL;
        if (bool ? !(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))
                : base.prepare(text, value, NO_CONTEXT).isEmpty()) {
            throw malformed(field + " has '" + text + "', which is not a value " + base.awsName() + " compares");
        }
    }

    private static String operatorHint(String name) {
        String bare = name.replaceFirst("^(ForAllValues:|ForAnyValue:)", "").replaceFirst("IfExists$", "");
        Optional<ConditionOperator> near = ConditionOperator.namedIgnoringCase(bare);
        return near.map(o -> " (operator names are case-sensitive: " + o.awsName() + ")").orElse("");
    }

    private static PolicyCompileException malformed(String message) {
        return new PolicyCompileException(message);
    }
}
