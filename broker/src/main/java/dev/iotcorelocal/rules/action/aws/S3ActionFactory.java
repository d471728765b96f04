package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.ActionFields;
import dev.iotcorelocal.rules.action.InvalidActionException;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.rules.sql.CompiledTemplate;

import java.util.Set;

/** {@code "s3": {"bucketName": "<template>", "key": "<template>", "cannedAcl": ...}} (AWS's S3Action). */
final class S3ActionFactory implements ActionFactory {
    static final String NAME = "S3Action";
    /** AWS IoT's CannedAccessControlList values. */
    static final Set<String> CANNED_ACLS = Set.of("private", "public-read", "public-read-write", "aws-exec-read",
            "authenticated-read", "bucket-owner-read", "bucket-owner-full-control", "log-delivery-write");
    private final AwsClients clients;

    S3ActionFactory(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public String key() {
        return "s3";
    }

    @Override
    public RuleAction create(JsonNode spec, ActionEnvironment environment) throws InvalidActionException {
        ActionFields fields = AwsFields.of(key(), spec, environment);
        CompiledTemplate bucket = fields.requiredTemplate("bucketName");
        CompiledTemplate objectKey = fields.requiredTemplate("key");
        String cannedAcl = fields.optionalEnum("cannedAcl", CANNED_ACLS, null);
        AwsTarget target = AwsTarget.of(clients, environment);
        return target == null ? new NotEmulatedAction(NAME, bucket) : new S3Action(target, bucket, objectKey, cannedAcl);
    }
}
