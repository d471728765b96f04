package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionFactory;

import java.util.List;

/**
 * The rules' AWS-service actions ({@code lambda}, {@code sqs}, {@code sns}, {@code dynamoDBv2},
 * {@code dynamoDB}, {@code s3}, {@code kinesis}, {@code firehose}, {@code cloudwatchLogs}), sent
 * through the AWS SDK for Java v2 to {@code rules.aws-endpoint-url}. Creating this loads none of
 * the SDK: clients are made when a rule first runs such an action, once per service and endpoint,
 * and {@link #close()} (at broker stop) closes them and their shared HTTP client.
 */
public final class AwsActions implements AutoCloseable {
    private final AwsClients clients;
    private final List<ActionFactory> factories;

    public AwsActions() {
        this(SdkTimeouts.DEFAULT);
    }

    public AwsActions(SdkTimeouts timeouts) {
        clients = new AwsClients(timeouts);
        factories = List.of(
                new LambdaActionFactory(clients),
                new SqsActionFactory(clients),
                new SnsActionFactory(clients),
                new DynamoDbV2ActionFactory(clients),
                new DynamoDbActionFactory(clients),
                new S3ActionFactory(clients),
                new KinesisActionFactory(clients),
                new FirehoseActionFactory(clients),
                new CloudwatchLogsActionFactory(clients));
    }

    /** One factory per action key, to register with the rules engine. */
    public List<ActionFactory> factories() {
        return factories;
    }

    @Override
    public void close() {
        clients.close();
    }
}
