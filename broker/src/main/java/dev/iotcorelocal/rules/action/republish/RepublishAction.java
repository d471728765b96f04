package dev.iotcorelocal.rules.action.republish;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Republishes the SELECT result to the rendered topic, at the action's QoS, with its headers:
 * routed synchronously on the rules thread through the broker's publisher, so the stage it
 * returns is already complete. A refusal (a limit, a reserved topic, a header) is the action's
 * failure, with the broker's reason.
 */
final class RepublishAction implements RuleAction {
    private final CompiledTemplate topic;
    private final int qos;
    private final RepublishHeaders headers;
    private final Republisher republisher;

    RepublishAction(CompiledTemplate topic, int qos, RepublishHeaders headers, Republisher republisher) {
        this.topic = topic;
        this.qos = qos;
        this.headers = headers;
        this.republisher = republisher;
    }

    @Override
    public String failedActionName() {
        return "RepublishAction";
    }

    @Override
    public String failedResource(ActionRequest request) {
        return topic.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        try {
            String target = topic.render(request.input());
            if (target.isEmpty() || target.indexOf('+') >= 0 || target.indexOf('#') >= 0
                    || target.indexOf('\u0000') >= 0) {
                throw new ActionFailedException("Failed to republish: '" + target + "' is not a topic name.");
            }
            PublishProperties properties = headers.render(request.input());
            String refused = republisher.publish(target, request.payload(), qos, properties);
            if (refused != null) {
                throw new ActionFailedException("Failed to republish to topic '" + target + "': " + refused);
            }
            return CompletableFuture.completedFuture(null);
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
