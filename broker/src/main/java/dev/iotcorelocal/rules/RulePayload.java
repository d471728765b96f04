package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.sql.SqlVersion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A CreateTopicRule / ReplaceTopicRule {@code topicRulePayload}, checked as AWS checks it (spec
 * B4): sql required, 0-10 actions, each action and the error action one {@code {"<key>": {...}}}
 * object, a known SQL version (default 2015-10-08), 256 KB at most. Refusals are
 * InvalidRequestException naming the member.
 */
public record RulePayload(String sql, String description, String awsIotSqlVersion, SqlVersion version,
                          boolean disabled, List<JsonNode> actions, JsonNode errorAction) {
    public static final int MAX_ACTIONS = 10;
    public static final int MAX_BYTES = 256 * 1024;
    private static final Pattern RULE_NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");

    /** The rule name, or InvalidRequestException: 1-128 letters, digits and underscores (no hyphens). */
    public static String checkName(String name) {
        if (name == null || !RULE_NAME.matcher(name).matches()) {
            throw RuleException.invalid("ruleName must be 1-128 characters of a-z, A-Z, 0-9 and _, was '"
                    + name + "'.");
        }
        return name;
    }

    /** @param sizeBytes the payload's size as sent, for AWS's 256 KB rule limit */
    public static RulePayload parse(JsonNode payload, int sizeBytes) {
        if (sizeBytes > MAX_BYTES) {
            throw RuleException.invalid("The topic rule payload is " + sizeBytes + " bytes; at most " + MAX_BYTES
                    + " are allowed.");
        }
        if (payload == null || !payload.isObject()) {
            throw RuleException.invalid("topicRulePayload must be a JSON object.");
        }
        JsonNode sql = payload.get("sql");
        if (sql == null || sql.isNull()) {
            throw RuleException.invalid("topicRulePayload.sql is required.");
        }
        if (!sql.isTextual() || sql.asText().isBlank()) {
            throw RuleException.invalid("topicRulePayload.sql must be a non-empty string.");
        }
        String description = optionalText(payload, "description");
        String versionText = optionalText(payload, "awsIotSqlVersion");
        SqlVersion version = SqlVersion.of(versionText);
        if (version == null) {
            throw RuleException.invalid("awsIotSqlVersion must be 2015-10-08, 2016-03-23 or beta, was '"
                    + versionText + "'.");
        }
        JsonNode disabled = payload.get("ruleDisabled");
        if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
            throw RuleException.invalid("topicRulePayload.ruleDisabled must be true or false.");
        }
        JsonNode actions = payload.get("actions");
        if (actions == null || actions.isNull()) {
            throw RuleException.invalid("topicRulePayload.actions is required (it may be empty).");
        }
        if (!actions.isArray()) {
            throw RuleException.invalid("topicRulePayload.actions must be a list.");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw RuleException.invalid("A rule can have at most " + MAX_ACTIONS + " actions, this one has "
                    + actions.size() + ".");
        }
        List<JsonNode> checked = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            checked.add(checkAction(actions.get(i), "actions[" + i + "]"));
        }
        JsonNode errorAction = payload.get("errorAction");
        if (errorAction != null && errorAction.isNull()) {
            errorAction = null;
        }
        return new RulePayload(sql.asText(), description, version.text(), version,
                disabled != null && disabled.asBoolean(), checked,
                errorAction == null ? null : checkAction(errorAction, "errorAction"));
    }

    /** One action: an object with exactly one member, the action's key, whose value is an object. */
    static JsonNode checkAction(JsonNode action, String where) {
        if (action == null || !action.isObject() || action.size() != 1) {
            throw RuleException.invalid(where + " must be an object with one action, like {\"republish\": {...}}.");
        }
        Iterator<String> names = action.fieldNames();
        String key = names.next();
        if (!action.get(key).isObject()) {
            throw RuleException.invalid(where + "." + key + " must be an object.");
        }
        return action;
    }

    private static String optionalText(JsonNode payload, String member) {
        JsonNode value = payload.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RuleException.invalid("topicRulePayload." + member + " must be a string.");
        }
        return value.asText();
    }
}
