package dev.iotcorelocal.rules.action;

import java.util.concurrent.CompletionStage;

/**
 * One configured action of a rule. {@link #run} is called on a rules thread, never an event loop;
 * it must not block on I/O (SDK calls are asynchronous) and completes exceptionally with
 * {@link ActionFailedException} when the action failed, which feeds the rule's error action.
 */
public interface RuleAction {
    /** AWS's name in an error action's {@code failures[].failedAction}, e.g. {@code RepublishAction}, {@code SqsAction}. */
    String failedActionName();

    /** AWS's {@code failedResource}: the topic, queue URL, table, bucket, ... */
    String failedResource(ActionRequest request);

    CompletionStage<Void> run(ActionRequest request);
}
