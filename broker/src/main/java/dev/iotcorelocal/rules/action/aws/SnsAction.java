package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/**
 * Publish of the SELECT result as the message; messageFormat JSON sets MessageStructure=json, so
 * SNS reads per-protocol messages out of it. A topic ARN goes in TopicArn, any other ARN (a
 * platform endpoint) in TargetArn: SNS and LocalStack both take a topic that way.
 */
final class SnsAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate targetArn;
    private final boolean json;

    SnsAction(AwsTarget target, CompiledTemplate targetArn, boolean json) {
        this.target = target;
        this.targetArn = targetArn;
        this.json = json;
    }

    @Override
    public String failedActionName() {
        return SnsActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return targetArn.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String arn = targetArn.render(request.input());
        PublishRequest.Builder publish = PublishRequest.builder()
                .message(new String(request.payload(), StandardCharsets.UTF_8));
        if (isEndpoint(arn)) {
            publish.targetArn(arn);
        } else {
            publish.topicArn(arn);
        }
        if (json) {
            publish.messageStructure("json");
        }
        return SdkFailures.call(failedActionName(), "publish to " + arn, () -> client().publish(publish.build()));
    }

    /** arn:aws:sns:region:account:endpoint/... names a platform endpoint rather than a topic. */
    private static boolean isEndpoint(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[5].startsWith("endpoint/");
    }

    private SnsAsyncClient client() {
        return target.clients().client("sns", target.endpoint(), target.region(),
                sdk -> sdk.configure(SnsAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
