package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

import java.util.concurrent.CompletionStage;

/** Invoke with InvocationType Event (AWS IoT invokes functions asynchronously) and the SELECT result as the event. */
final class LambdaAction implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate functionArn;

    LambdaAction(AwsTarget target, CompiledTemplate functionArn) {
        this.target = target;
        this.functionArn = functionArn;
    }

    @Override
    public String failedActionName() {
        return LambdaActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return functionArn.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String function = functionArn.render(request.input());
        return SdkFailures.call(failedActionName(), "invoke " + function, () -> client()
                .invoke(invoke -> invoke.functionName(function).invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromByteArray(request.payload()))));
    }

    private LambdaAsyncClient client() {
        return target.clients().client("lambda", target.endpoint(), target.region(),
                sdk -> sdk.configure(LambdaAsyncClient.builder(), target.endpoint(), target.region()).build());
    }
}
