package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.PayloadJson;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** PutItem with each top-level field of the SELECT result as an attribute (so it must be a JSON object). */
final class DynamoDbV2Action implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate tableName;

    DynamoDbV2Action(AwsTarget target, CompiledTemplate tableName) {
        this.target = target;
        this.tableName = tableName;
    }

    @Override
    public String failedActionName() {
        return DynamoDbV2ActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return tableName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String table = tableName.render(request.input());
        JsonNode item = PayloadJson.parse(request.payload());
        if (item == null || !item.isObject()) {
            return CompletableFuture.failedFuture(new ActionFailedException(failedActionName()
                    + " needs the SELECT result to be a JSON object, one attribute per field; it was "
                    + (item == null ? "not JSON" : "a JSON " + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
        }
        return SdkFailures.call(failedActionName(), "put an item into table " + table, () -> DynamoClient.of(target)
                .putItem(put -> put.tableName(table).item(DynamoAttributes.map(item))));
    }
}
