package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.Set;

/**
 * {@code "dynamoDB": {"tableName", "hashKeyField", "hashKeyValue", "hashKeyType", "rangeKeyField",
 * "rangeKeyValue", "rangeKeyType", "payloadField", "operation"}} (AWS's DynamoDBAction): every
 * text field but the key types takes templates; the key types are STRING or NUMBER.
 */
final class DynamoDbActionFactory implements ActionFactory {
    static final String NAME = "DynamoDBAction";
    static final Set<String> KEY_TYPES = Set.of("STRING", "NUMBER");
    static final Set<String> OPERATIONS = Set.of("INSERT", "UPDATE", "DELETE");
    private final AwsClients clients;

    DynamoDbActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "dynamoDB";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate table = fields.requiredTemplate("tableName");
        DynamoDbAction.Key hash = new DynamoDbAction.Key(fields.requiredTemplate("hashKeyField"),
                fields.requiredTemplate("hashKeyValue"), isNumber(fields, "hashKeyType"));
        DynamoDbAction.Key range = null;
        CompiledTemplate rangeField = fields.optionalTemplate("rangeKeyField");
        if (rangeField != null) {
            range = new DynamoDbAction.Key(rangeField, fields.requiredTemplate("rangeKeyValue"),
                    isNumber(fields, "rangeKeyType"));
        }
        CompiledTemplate payloadField = fields.optionalTemplate("payloadField");
        String operationText = fields.optionalString("operation");
        if (operationText != null && !operationText.contains("${") && !OPERATIONS.contains(operationText)) {
            throw new InvalidActionException(fields.path("operation") + " must be INSERT, UPDATE, DELETE or a "
                    + "substitution template, not '" + operationText + "'");
        }
        CompiledTemplate operation = operationText == null ? null : fields.template("operation", operationText);
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, table)
                : new DynamoDbAction(target, table, hash, range, payloadField, operation);
    }

    private static boolean isNumber(ActionFields fields, String name) throws InvalidActionException {
        return fields.optionalEnum(name, KEY_TYPES, "STRING").equals("NUMBER");
    }
}
