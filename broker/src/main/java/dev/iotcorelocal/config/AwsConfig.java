package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** The AWS account and region this emulator pretends to be: they appear in every ARN it issues. */
public record AwsConfig(@JsonProperty("account-id") String accountId,
                        @JsonProperty("region") String region) {
    public AwsConfig {
        require(accountId != null && accountId.matches("[0-9]{12}"),
                "aws.account-id must be 12 digits, was " + accountId);
        require(region != null && region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+"),
                "aws.region must look like us-east-1, was " + region);
    }
}
