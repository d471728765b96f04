package dev.iotcorelocal.rules;

import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.message.Origin;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.QueryResult;
import dev.iotcorelocal.rules.sql.RuleInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Evaluates one message against its rules on a rules thread: one {@link RuleInput} (its JSON
 * parsed at most once) for all of them; each rule's actions started in order and left to finish
 * on their own; once they all have, ONE error-action document per rule if any failed. A slow
 * action delays nothing but its own rule's error document.
 */
final class RuleRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);
    private static final String NOT_MQTT = "n/a";
    private final Clock clock;

    RuleRunner(Clock clock) {
        this.clock = clock;
    }

    void run(RuleJob job) {
        // Whatever this job republishes is one republish deeper than its message.
        RuleDepth.run(job.depth() + 1, () -> evaluate(job));
    }

    private void evaluate(RuleJob job) {
        Message message = job.message();
        Origin origin = message.origin();
        RuleInput input = new RuleInput(job.topic(), message.payload(), message.properties(), message.originClientId(),
                origin == null ? null : origin.principal(), origin == null ? null : origin.sourceIp(),
                TraceIds.next(), clock.millis());
        for (CompiledRule rule : job.rules()) {
            QueryResult result;
            try {
                result = rule.query().evaluate(input);
            } catch (RuntimeException e) {
                LOG.warn("Rule '{}': evaluating its SQL on topic '{}' failed unexpectedly", rule.name(), job.topic(), e);
                result = new QueryResult.Failed("the SQL evaluation failed: " + e);
            }
            if (result instanceof QueryResult.Selected selected) {
                rule.counters().matched();
                runActions(rule, job, input, selected.payload());
            } else if (result instanceof QueryResult.NotSelected notSelected) {
                rule.counters().notMatched();
                LOG.debug("Rule '{}' on topic '{}': not matched ({})", rule.name(), job.topic(), notSelected.reason());
            } else if (result instanceof QueryResult.Failed failed) {
                rule.counters().failed();
                LOG.debug("Rule '{}' on topic '{}': SQL evaluation failed: {}", rule.name(), job.topic(),
                        failed.error());
                failed(rule, job, input, List.of(new ErrorDocument.Failure("SqlEvaluation", rule.name(),
                        failed.error())));
            }
        }
    }

    private void runActions(CompiledRule rule, RuleJob job, RuleInput input, byte[] payload) {
        ActionRequest request = new ActionRequest(rule.name(), payload, input);
        List<RuleAction> actions = rule.actions();
        CompletableFuture<?>[] runs = new CompletableFuture<?>[actions.size()];
        boolean allDone = true;
        for (int i = 0; i < runs.length; i++) {
            runs[i] = start(actions.get(i), request);
            allDone &= runs[i].isDone();
        }
        if (allDone) { // republish is synchronous: no completion stage to chain
            finish(rule, job, request, runs);
        } else {
            int depth = RuleDepth.current();
            CompletableFuture.allOf(runs).whenComplete((ignored, failure) ->
                    RuleDepth.run(depth, () -> finish(rule, job, request, runs)));
        }
    }

    private static CompletableFuture<?> start(RuleAction action, ActionRequest request) {
        try {
            return action.run(request).toCompletableFuture();
        } catch (RuntimeException e) { // an action that threw instead of failing its stage
            return CompletableFuture.failedFuture(e);
        }
    }

    private void finish(CompiledRule rule, RuleJob job, ActionRequest request, CompletableFuture<?>[] runs) {
        List<ErrorDocument.Failure> failures = null;
        for (int i = 0; i < runs.length; i++) {
            Throwable failure = failureOf(runs[i]);
            rule.counters().action(i, failure == null);
            if (failure != null) {
                if (failures == null) {
                    failures = new ArrayList<>(2);
                }
                RuleAction action = rule.actions().get(i);
                failures.add(new ErrorDocument.Failure(action.failedActionName(), resource(action, request),
                        String.valueOf(failure.getMessage())));
            }
        }
        if (failures == null) {
            LOG.debug("Rule '{}' on topic '{}': matched, {} action(s) run", rule.name(), job.topic(), runs.length);
            return;
        }
        if (rule.counters().firstFailure()) {
            LOG.warn("Rule '{}' on topic '{}': matched, failed: {} (later failures of this rule are logged at DEBUG)",
                    rule.name(), job.topic(), failures);
        } else {
            LOG.debug("Rule '{}' on topic '{}': matched, {} action(s) run, failed: {}", rule.name(), job.topic(),
                    runs.length, failures);
        }
        failed(rule, job, request.input(), failures);
    }

    /** The rule's error action with AWS's document for this message, if it has one; its own failure is only logged. */
    private void failed(CompiledRule rule, RuleJob job, RuleInput input, List<ErrorDocument.Failure> failures) {
        RuleAction errorAction = rule.errorAction();
        if (errorAction == null) {
            return;
        }
        Message message = job.message();
        byte[] document = ErrorDocument.json(rule.name(), message.topic(), input.traceId(),
                message.originClientId() == null ? NOT_MQTT : message.originClientId(), message.payload(), failures);
        start(errorAction, new ActionRequest(rule.name(), document, input)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                rule.counters().errorActionFailed();
                LOG.warn("Rule '{}': its error action ({}) failed too: {}", rule.name(),
                        errorAction.failedActionName(), unwrap(failure).getMessage());
            }
        });
    }

    private static String resource(RuleAction action, ActionRequest request) {
        try {
            return action.failedResource(request);
        } catch (RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static Throwable failureOf(CompletableFuture<?> run) {
        if (!run.isCompletedExceptionally()) {
            return null;
        }
        try {
            run.join();
            return null;
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
