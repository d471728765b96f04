package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.PayloadJson;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * PutLogEvents into the log group, in a log stream named after the rule, which the action creates
 * (CreateLogStream) the first time; the group itself must exist, as on AWS. One event per message,
 * with the message's time; in batchMode the SELECT result is a JSON array of
 * {@code {"timestamp": <ms>, "message": ...}} objects, each one event.
 */
final class CloudwatchLogsAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate groupName;
    private final boolean batchMode;
    private final LogStreams streams;

    CloudwatchLogsAction(AwsTarget target, CompiledTemplate groupName, boolean batchMode, LogStreams streams) {
        this.target = target;
        this.groupName = groupName;
        this.batchMode = batchMode;
        this.streams = streams;
    }

    @Override
    public String failedActionName() {
        return CloudwatchLogsActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return groupName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String group = groupName.render(request.input());
        String stream = request.ruleName();
        List<InputLogEvent> events;
        try {
            events = batchMode ? batch(request.payload()) : List.of(InputLogEvent.builder()
                    .timestamp(request.input().timestampMillis())
                    .message(new String(request.payload(), StandardCharsets.UTF_8)).build());
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        String endpoint = target.endpoint().toString();
        return SdkFailures.call(failedActionName(), "put log events into " + group + "/" + stream, () -> {
            CloudWatchLogsAsyncClient client = client();
            return ensureStream(client, endpoint, group, stream)
                    .thenCompose(ready -> client.putLogEvents(put -> put.logGroupName(group).logStreamName(stream)
                            .logEvents(events)))
                    .whenComplete((done, error) -> {
                        if (cause(error) instanceof ResourceNotFoundException) {
                            streams.forget(endpoint, group, stream); // deleted meanwhile: create it next time
                        }
                    });
        });
    }

    private CompletableFuture<Void> ensureStream(CloudWatchLogsAsyncClient client, String endpoint, String group,
                                                 String stream) {
        if (streams.isKnown(endpoint, group, stream)) {
            return CompletableFuture.completedFuture(null);
        }
        return client.createLogStream(create -> create.logGroupName(group).logStreamName(stream))
                .handle((created, error) -> {
                    if (error != null && !(cause(error) instanceof ResourceAlreadyExistsException)) {
                        throw error instanceof CompletionException completion ? completion : new CompletionException(error);
                    }
                    streams.remember(endpoint, group, stream);
                    return null;
                });
    }

    private List<InputLogEvent> batch(byte[] payload) {
        JsonNode json = PayloadJson.parse(payload);
        if (json == null || !json.isArray()) {
            throw new ActionFailedException(failedActionName() + ": batchMode needs the SELECT result to be a JSON "
                    + "array of {\"timestamp\": ..., \"message\": ...} objects");
        }
        List<InputLogEvent> events = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            JsonNode message = element.get("message");
            JsonNode timestamp = element.get("timestamp");
            if (message == null || timestamp == null || !timestamp.canConvertToLong()) {
                throw new ActionFailedException(failedActionName() + ": each batchMode element needs a numeric "
                        + "\"timestamp\" (milliseconds) and a \"message\": " + element);
            }
            events.add(InputLogEvent.builder().timestamp(timestamp.asLong())
                    .message(message.isTextual() ? message.textValue() : message.toString()).build());
        }
        // PutLogEvents refuses events out of chronological order
        events.sort(Comparator.comparing(InputLogEvent::timestamp));
        return events;
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private CloudWatchLogsAsyncClient client() {
        return target.clients().client("logs", target.endpoint(), target.region(),
                sdk -> sdk.configure(CloudWatchLogsAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
