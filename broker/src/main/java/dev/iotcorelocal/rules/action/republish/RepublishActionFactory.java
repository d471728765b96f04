package dev.iotcorelocal.rules.action.republish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.SqlParseException;

/**
 * {@code {"republish": {"topic": "...", "qos": 0|1, "roleArn": "...", "headers": {...}}}}: the
 * topic is a substitution template where a leading {@code $$} stands for {@code $} (so a rule can
 * publish to {@code $aws/things/<thing>/shadow/update}); roleArn is accepted and ignored.
 */
public final class RepublishActionFactory implements ActionFactory {
    private final Republisher republisher;

    public RepublishActionFactory(Republisher republisher) {
        this.republisher = republisher;
    }

    @Override
    public String key() {
        return "republish";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        JsonNode topic = spec.get("topic");
        if (topic == null || !topic.isTextual() || topic.asText().isEmpty()) {
            throw new InvalidActionException("topic is required and must be a non-empty string.");
        }
        JsonNode qos = spec.get("qos");
        if (qos != null && !qos.isNull() && !(qos.isIntegralNumber() && (qos.asInt() == 0 || qos.asInt() == 1))) {
            throw new InvalidActionException("qos must be 0 or 1, was " + qos + ".");
        }
        JsonNode roleArn = spec.get("roleArn");
        if (roleArn != null && !roleArn.isNull() && !roleArn.isTextual()) {
            throw new InvalidActionException("roleArn must be a string.");
        }
        String text = topic.asText();
        CompiledTemplate template;
        try {
            template = environment.template(text.startsWith("$$") ? text.substring(1) : text);
        } catch (SqlParseException e) {
            throw new InvalidActionException("topic is not a valid substitution template: " + e.getMessage());
        }
        return new RepublishAction(template, qos == null || qos.isNull() ? 0 : qos.asInt(),
                RepublishHeaders.parse(spec.get("headers"), environment), republisher);
    }
}
