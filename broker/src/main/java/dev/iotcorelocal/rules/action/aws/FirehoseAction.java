package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.PayloadJson;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PutRecord of the SELECT result followed by the separator; in batchMode a JSON array result is
 * one PutRecordBatch with each element (as JSON text, plus the separator) a record, at most 500 as
 * AWS allows, and any other result one record.
 */
final class FirehoseAction implements RuleAction {
    static final int MAX_BATCH = 500;
    private final AwsTarget target;
    private final CompiledTemplate streamName;
    private final byte[] separator;
    private final boolean batchMode;

    FirehoseAction(AwsTarget target, CompiledTemplate streamName, String separator, boolean batchMode) {
        this.target = target;
        this.streamName = streamName;
        this.separator = separator.getBytes(StandardCharsets.UTF_8);
        this.batchMode = batchMode;
    }

    @Override
    public String failedActionName() {
        return FirehoseActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return streamName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String stream = streamName.render(request.input());
        if (!batchMode) {
            return SdkFailures.call(failedActionName(), "put a record into delivery stream " + stream, () -> client()
                    .putRecord(put -> put.deliveryStreamName(stream).record(record(request.payload()))));
        }
        List<Record> records;
        try {
            records = batch(request.payload());
        } catch (ActionFailedException e) {
            return CompletableFuture.failedFuture(e);
        }
        String attempt = "put " + records.size() + " records into delivery stream " + stream;
        return SdkFailures.call(failedActionName(), attempt, () -> client()
                .putRecordBatch(put -> put.deliveryStreamName(stream).records(records))
                .thenAccept(response -> requireAllPut(response, attempt)));
    }

    private List<Record> batch(byte[] payload) {
        JsonNode json = PayloadJson.parse(payload);
        if (json == null || !json.isArray()) {
            return List.of(record(payload));
        }
        if (json.size() > MAX_BATCH) {
            throw new ActionFailedException(failedActionName() + ": batchMode takes at most " + MAX_BATCH
                    + " array elements, the SELECT result has " + json.size());
        }
        List<Record> records = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            records.add(record(element.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private Record record(byte[] data) {
        byte[] bytes = new byte[data.length + separator.length];
        System.arraycopy(data, 0, bytes, 0, data.length);
        System.arraycopy(separator, 0, bytes, data.length, separator.length);
        return Record.builder().data(SdkBytes.fromByteArray(bytes)).build();
    }

    private void requireAllPut(PutRecordBatchResponse response, String attempt) {
        Integer failed = response.failedPutCount();
        if (failed != null && failed > 0) {
            PutRecordBatchResponseEntry first = response.requestResponses().stream()
                    .filter(entry -> entry.errorCode() != null).findFirst().orElse(null);
            throw new ActionFailedException(failedActionName() + " failed to " + attempt + ": " + failed + " failed"
                    + (first == null ? "" : ", the first with " + first.errorCode() + ": " + first.errorMessage()));
        }
    }

    private FirehoseAsyncClient client() {
        return target.clients().client("firehose", target.endpoint(), target.region(),
                sdk -> sdk.configure(FirehoseAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
