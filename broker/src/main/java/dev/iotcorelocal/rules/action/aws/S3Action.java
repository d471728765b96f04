package dev.iotcorelocal.rules.action.aws;

import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.concurrent.CompletionStage;

/**
 * PutObject of the SELECT result at the templated key. Path-style addressing (a local endpoint has
 * no bucket subdomains) and checksums only where S3 requires them, so a plain body reaches any
 * local S3 (LocalStack, MinIO) without aws-chunked encoding.
 */
final class S3Action implements RuleAction {
    private final AwsTarget target;
    private final CompiledTemplate bucketName;
    private final CompiledTemplate key;
    private final String cannedAcl;

    /** @param cannedAcl null for the bucket's default */
    S3Action(AwsTarget target, CompiledTemplate bucketName, CompiledTemplate key, String cannedAcl) {
        this.target = target;
        this.bucketName = bucketName;
        this.key = key;
        this.cannedAcl = cannedAcl;
    }

    @Override
    public String failedActionName() {
        return S3ActionFactory.NAME;
    }

    @Override
    public String failedResource(ActionRequest request) {
        return bucketName.render(request.input());
    }

    @Override
    public CompletionStage<Void> run(ActionRequest request) {
        String bucket = bucketName.render(request.input());
        String objectKey = key.render(request.input());
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(objectKey);
        if (cannedAcl != null) {
            put.acl(cannedAcl);
        }
        return SdkFailures.call(failedActionName(), "put object " + objectKey + " into bucket " + bucket,
                () -> client().putObject(put.build(), AsyncRequestBody.fromBytes(request.payload())));
    }

    private S3AsyncClient client() {
        return target.clients().client("s3", target.endpoint(), target.region(),
                sdk -> sdk.configure(S3AsyncClient.builder(), target.endpoint(), target.region())
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .build());
    }
}
