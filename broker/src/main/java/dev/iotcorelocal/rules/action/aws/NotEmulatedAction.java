package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An SDK action with no {@code rules.aws-endpoint-url} to send to: every message fails it, so the
 * rule's error action runs and the developer reads why, as when AWS cannot reach the service.
 */
final class NotEmulatedAction implements RuleAction {
    private final String name;
    private final CompiledTemplate resource;
    private final String message;

    NotEmulatedAction(String name, CompiledTemplate resource) {
        this.name = name;
        this.resource = resource;
        this.message = name + " is not emulated here: set rules.aws-endpoint-url (e.g. a LocalStack) to run it";
    }

    @Override
    public String failedActionName() {
        return name;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return resource.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        return CompletableFuture.failedFuture(new ActionFailedException(message));
    }
}
