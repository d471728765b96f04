package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;

import static dev.iotcorelocal.config.ConfigException.require;

/**
 * The rules engine: the start-up rules file ("" for none), the endpoint the AWS-service actions
 * call ("" for none), the republish loop cap, and the evaluation threads and their queues.
 */
public record RulesConfig(@JsonProperty("file") String file,
                          @JsonProperty("aws-endpoint-url") String awsEndpointUrl,
                          @JsonProperty("republish-max-depth") int republishMaxDepth,
                          @JsonProperty("threads") int threads,
                          @JsonProperty("queue-capacity") int queueCapacity) {
    public RulesConfig {
        file = file == null ? "" : file.strip();
        awsEndpointUrl = awsEndpointUrl == null ? "" : awsEndpointUrl.strip();
        require(awsEndpointUrl.isEmpty() || awsEndpointUrl.matches("https?://[^\\s/]+(/\\S*)?"),
                "rules.aws-endpoint-url must be an http:// or https:// URL, was " + awsEndpointUrl);
        require(republishMaxDepth >= 1 && republishMaxDepth <= 100,
                "rules.republish-max-depth must be 1-100, was " + republishMaxDepth);
        require(threads >= 1 && threads <= 64, "rules.threads must be 1-64, was " + threads);
        require(queueCapacity >= 1, "rules.queue-capacity must be at least 1, was " + queueCapacity);
    }

    /** {@code rules.aws-endpoint-url} as a URI, or null when unset. */
    public URI awsEndpoint() {
        return awsEndpointUrl.isEmpty() ? null : URI.create(awsEndpointUrl);
    }

    public RulesConfig withFile(String value) {
        return new RulesConfig(value, awsEndpointUrl, republishMaxDepth, threads, queueCapacity);
    }

    public RulesConfig withAwsEndpointUrl(String value) {
        return new RulesConfig(file, value, republishMaxDepth, threads, queueCapacity);
    }

    public RulesConfig withRepublishMaxDepth(int value) {
        return new RulesConfig(file, awsEndpointUrl, value, threads, queueCapacity);
    }

    public RulesConfig withQueue(int threadCount, int capacity) {
        return new RulesConfig(file, awsEndpointUrl, republishMaxDepth, threadCount, capacity);
    }
}
