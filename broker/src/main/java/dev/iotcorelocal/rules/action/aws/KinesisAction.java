package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/** PutRecord of the SELECT result; without a partitionKey each record gets a random one (spread over shards). */
final class KinesisAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate streamName;
    private final CompiledTemplate partitionKey;

    /** @param partitionKey null for a random key per record */
    KinesisAction(AwsTarget target, CompiledTemplate streamName, CompiledTemplate partitionKey) {
        this.target = target;
        this.streamName = streamName;
        this.partitionKey = partitionKey;
    }

    @Override
    public String failedActionName() {
        return KinesisActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return streamName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String stream = streamName.render(request.input());
        String key = partitionKey == null ? randomKey() : partitionKey.render(request.input());
        return SdkFailures.call(failedActionName(), "put a record into stream " + stream, () -> client()
                .putRecord(put -> put.streamName(stream).partitionKey(key)
                        .data(SdkBytes.fromByteArray(request.payload()))));
    }

    /** Not SecureRandom: a partition key only spreads records, and must not wait for entropy. */
    private static String randomKey() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private KinesisAsyncClient client() {
        return target.clients().client("kinesis", target.endpoint(), target.region(),
                sdk -> sdk.configure(KinesisAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
