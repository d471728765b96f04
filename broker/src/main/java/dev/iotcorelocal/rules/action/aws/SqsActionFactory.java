package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

/** {@code "sqs": {"queueUrl": "<template>", "useBase64": false, "roleArn": ...}} (AWS's SqsAction). */
final class SqsActionFactory implements ActionFactory {
    static final String NAME = "SqsAction";
    private final AwsClients clients;

    SqsActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "sqs";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate queueUrl = fields.requiredTemplate("queueUrl");
        boolean base64 = fields.optionalBoolean("useBase64", false);
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, queueUrl) : new SqsAction(target, queueUrl, base64);
    }
}
