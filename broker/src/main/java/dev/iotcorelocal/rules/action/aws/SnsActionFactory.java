package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.Set;

/** {@code "sns": {"targetArn": "<template>", "messageFormat": "RAW"|"JSON"}} (AWS's SnsAction, RAW by default). */
final class SnsActionFactory implements ActionFactory {
    static final String NAME = "SnsAction";
    private final AwsClients clients;

    SnsActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "sns";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate targetArn = fields.requiredTemplate("targetArn");
        boolean json = fields.optionalEnum("messageFormat", Set.of("RAW", "JSON"), "RAW").equals("JSON");
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, targetArn) : new SnsAction(target, targetArn, json);
    }
}
