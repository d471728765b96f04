package dev.iotcorelocal.rules;

import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An action type nobody registered: it never happens, and says so in the error action's document. */
final class NotEmulatedAction implements RuleAction {
    private final String key;

    NotEmulatedAction(String key) {
        this.key = key;
    }

    @Override
    public String failedActionName() {
        // AWS's names are the key with a capital and "Action": sqs -> SqsAction, dynamoDBv2 -> DynamoDBv2Action
        return Character.toUpperCase(key.charAt(0)) + key.substring(1) + "Action";
    }

    @Override
    public String failedResource(ActionRequest request) {
        return key;
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        return CompletableFuture.failedFuture(new ActionFailedException("The " + key
                + " action is not emulated by iotcore-local."));
    }
}
