package dev.iotcorelocal.registry;

import dev.iotcorelocal.config.AwsConfig;

/** The account and region the emulator stands for, and the ARNs of its resources. */
public record AwsAccount(String accountId, String region) {

    public static AwsAccount of(AwsConfig config) {
        return new AwsAccount(config.accountId(), config.region());
    }

    /** {@code arn:aws:iot:<region>:<account>:<resourceType>/<name>}, e.g. ("thing", "lamp"). */
    public String arn(String resourceType, String name) {
        return "arn:aws:iot:" + region + ':' + accountId + ':' + resourceType + '/' + name;
    }
}
