package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletionStage;

/** SendMessage of the SELECT result to the queue, as text or (useBase64) base64 text. */
final class SqsAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate queueUrl;
    private final boolean base64;

    SqsAction(AwsTarget target, CompiledTemplate queueUrl, boolean base64) {
        this.target = target;
        this.queueUrl = queueUrl;
        this.base64 = base64;
    }

    @Override
    public String failedActionName() {
        return SqsActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return queueUrl.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String queue = queueUrl.render(request.input());
        String body = base64 ? Base64.getEncoder().encodeToString(request.payload())
                : new String(request.payload(), StandardCharsets.UTF_8);
        return SdkFailures.call(failedActionName(), "send a message to " + queue, () -> client()
                .sendMessage(message -> message.queueUrl(queue).messageBody(body)));
    }

    private SqsAsyncClient client() {
        return target.clients().client("sqs", target.endpoint(), target.region(),
                sdk -> sdk.configure(SqsAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
