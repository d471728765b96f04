package dev.iotcorelocal.rules.action.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The one DynamoDB client both DynamoDB actions share per endpoint. */
final class DynamoClient {
    private DynamoClient() {
    }

    static DynamoDbAsyncClient of(AwsTarget target) {
        return target.clients().client("dynamodb", target.endpoint(), target.region(),
                sdk -> sdk.configure(DynamoDbAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
