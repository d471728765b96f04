package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.PayloadJson;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.RuleInput;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The item {hash key, range key, payloadField (default {@code payload}) = the SELECT result}:
 * INSERT (the default) is PutItem, UPDATE is UpdateItem setting the payload column, DELETE is
 * DeleteItem of the key. A JSON result is written as its DynamoDB value (an object as a map),
 * anything else as binary, as AWS does.
 */
final class DynamoDbAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate tableName;
    private final Key hash;
    private final Key range;
    private final CompiledTemplate payloadField;
    private final CompiledTemplate operation;

    /** @param range null without a range key; payloadField and operation null for their defaults */
    DynamoDbAction(AwsTarget target, CompiledTemplate tableName, Key hash, Key range, CompiledTemplate payloadField,
                   CompiledTemplate operation) {
        this.target = target;
        this.tableName = tableName;
        this.hash = hash;
        this.range = range;
        this.payloadField = payloadField;
        this.operation = operation;
    }

    @Override
    public String failedActionName() {
        return DynamoDbActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return tableName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        RuleInput input = request.input();
        String table = tableName.render(input);
        String op = operation == null ? "INSERT" : operation.render(input);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        try {
            hash.put(key, input);
            if (range != null) {
                range.put(key, input);
            }
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        String column = payloadField == null ? "payload" : payloadField.render(input);
        return switch (op) {
            case "INSERT" -> SdkFailures.call(failedActionName(), "put an item into table " + table, () -> {
                Map<String, AttributeValue> item = new LinkedHashMap<>(key);
                item.put(column, payload(request.payload()));
                return DynamoClient.of(target).putItem(put -> put.tableName(table).item(item));
            });
            case "UPDATE" -> SdkFailures.call(failedActionName(), "update an item in table " + table, () ->
                    DynamoClient.of(target).updateItem(update -> update.tableName(table).key(key)
                            .updateExpression("SET #payload = :payload")
                            .expressionAttributeNames(Map.of("#payload", column))
                            .expressionAttributeValues(Map.of(":payload", payload(request.payload())))));
            case "DELETE" -> SdkFailures.call(failedActionName(), "delete an item from table " + table, () ->
                    DynamoClient.of(target).deleteItem(delete -> delete.tableName(table).key(key)));
            default -> CompletableFuture.failedFuture(new ActionFailedException(failedActionName()
                    + ": operation must be INSERT, UPDATE or DELETE, not '" + op + "'"));
        };
    }

    private static AttributeValue payload(byte[] payload) {
        JsonNode json = PayloadJson.parse(payload);
        return json == null ? AttributeValue.fromB(SdkBytes.fromByteArray(payload)) : DynamoAttributes.of(json);
    }

    /** A key attribute: its name and value templates, and whether it is a NUMBER (else a STRING). */
    record Key(CompiledTemplate field, CompiledTemplate value, boolean number) {
        void put(Map<String, AttributeValue> key, RuleInput input) {
            String name = field.render(input);
            String text = value.render(input);
            if (number) {
                try {
                    new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new ActionFailedException(DynamoDbActionFactory.NAME + ": key " + name + " is a NUMBER but its"
                            + " value '" + text + "' is not a number");
                }
                key.put(name, AttributeValue.fromN(text));
            } else {
                key.put(name, AttributeValue.fromS(text));
            }
        }
    }
}
