package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

/** {@code "lambda": {"functionArn": "<template>"}} (AWS's LambdaAction). */
final class LambdaActionFactory implements ActionFactory {
    static final String NAME = "LambdaAction";
    private final AwsClients clients;

    LambdaActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "lambda";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate function = fields.requiredTemplate("functionArn");
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, function) : new LambdaAction(target, function);
    }
}
