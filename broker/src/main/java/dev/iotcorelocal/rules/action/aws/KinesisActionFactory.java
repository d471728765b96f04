package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

/** {@code "kinesis": {"streamName": "<template>", "partitionKey": "<template>"}} (AWS's KinesisAction). */
final class KinesisActionFactory implements ActionFactory {
    static final String NAME = "KinesisAction";
    private final AwsClients clients;

    KinesisActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "kinesis";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate stream = fields.requiredTemplate("streamName");
        CompiledTemplate partitionKey = fields.optionalTemplate("partitionKey");
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, stream) : new KinesisAction(target, stream, partitionKey);
    }
}
