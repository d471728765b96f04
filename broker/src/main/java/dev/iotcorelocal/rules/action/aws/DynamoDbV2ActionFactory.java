package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

/** {@code "dynamoDBv2": {"putItem": {"tableName": "<template>"}}} (AWS's DynamoDBv2Action). */
final class DynamoDbV2ActionFactory implements ActionFactory {
    static final String NAME = "DynamoDBv2Action";
    private final AwsClients clients;

    DynamoDbV2ActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "dynamoDBv2";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate table = fields.object("putItem").requiredTemplate("tableName");
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, table) : new DynamoDbV2Action(target, table);
    }
}
