package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test action type {@code {"record": {"name": "a", "outcome": "ok"|"fail"|"hang"}}}: each run
 * is recorded under its name (payload as text, topic() as the rule saw it, thread), then
 * succeeds, fails, or never completes until {@link #release} completes it.
 */
final class RecordingActions implements ActionFactory {
    record Run(String name, String rule, String payload, String topic, String clientId, String principal,
               String thread) {
    }

    final List<Run> runs = new CopyOnWriteArrayList<>();
    final Map<String, CompletableFuture<Void>> hanging = new ConcurrentHashMap<>();

    @Override
    public String key() {
        return "record";
    }

    List<Run> runsOf(String name) {
        return runs.stream().filter(run -> run.name().equals(name)).toList();
    }

    void release(String name) {
        hanging.get(name).complete(null);
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) {
        String name = spec.get("name").asText();
        String outcome = spec.path("outcome").asText("ok");
        return new RuleAction() {
            @Override
            public String failedActionName() {
                return "RecordAction";
            }

            @Override
            public String failedResource(ActionRequest request) {
                return "resource-" + name;
            }

            @Override
            public CompletionStage<Void> run(ActionRequest request) {
                runs.add(new Run(name, request.ruleName(), new String(request.payload(), StandardCharsets.UTF_8),
                        request.input().topic(), request.input().clientId(), request.input().principal(),
                        Thread.currentThread().getName()));
                return switch (outcome) {
                    case "fail" -> CompletableFuture.failedFuture(new ActionFailedException(name + " failed"));
                    case "hang" -> hanging.computeIfAbsent(name, n -> new CompletableFuture<>());
                    default -> CompletableFuture.completedFuture(null);
                };
            }
        };
    }
}
