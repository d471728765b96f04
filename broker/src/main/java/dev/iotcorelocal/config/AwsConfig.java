package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/**
 * The AWS account and region this emulator pretends to be: they appear in every ARN it issues.
 * {@code endpointHost} is what DescribeEndpoint answers; {@code registrySeed} a seed file applied
 * at start, or "" for none.
 */
public record AwsConfig(@JsonProperty("account-id") String accountId,
                        @JsonProperty("region") String region,
                        @JsonProperty("endpoint-host") String endpointHost,
                        @JsonProperty("registry-seed") String registrySeed) {
    public AwsConfig {
        require(accountId != null && accountId.matches("[0-9]{12}"),
                "aws.account-id must be 12 digits, was " + accountId);
        require(region != null && region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+"),
                "aws.region must look like us-east-1, was " + region);
        require(endpointHost != null && endpointHost.matches("[A-Za-z0-9.:\\[\\]-]{1,253}"),
                "aws.endpoint-host must be a host name or IP address, was " + endpointHost);
        registrySeed = registrySeed == null ? "" : registrySeed.strip();
    }

    public AwsConfig(String accountId, String region) {
        this(accountId, region, "localhost", "");
    }

    public AwsConfig withRegistrySeed(String file) {
        return new AwsConfig(accountId, region, endpointHost, file);
    }
}
