package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/**
 * AWS IoT Core's per-connection limits and quotas (profile section 2), and the Device Shadow
 * service's per-thing request rate (shadow spec A5). 0 switches a limit off,
 * leaving only the protocol's own bound.
 */
public record LimitsConfig(@JsonProperty("client-id-max-bytes") int clientIdMaxBytes,
                           @JsonProperty("topic-max-bytes") int topicMaxBytes,
                           @JsonProperty("topic-max-slashes") int topicMaxSlashes,
                           @JsonProperty("payload-max-bytes") int payloadMaxBytes,
                           @JsonProperty("user-properties-max-bytes") int userPropertiesMaxBytes,
                           @JsonProperty("content-type-max-bytes") int contentTypeMaxBytes,
                           @JsonProperty("filters-per-subscribe") int filtersPerSubscribe,
                           @JsonProperty("subscriptions-per-connection") int subscriptionsPerConnection,
                           @JsonProperty("publishes-per-second") int publishesPerSecond,
                           @JsonProperty("bytes-per-second") int bytesPerSecond,
                           @JsonProperty("connects-per-second") int connectsPerSecond,
                           @JsonProperty("connect-burst") int connectBurst,
                           @JsonProperty("reserved-topics") boolean reservedTopics,
                           @JsonProperty("share-name-max-chars") int shareNameMaxChars,
                           @JsonProperty("shadow-requests-per-second") int shadowRequestsPerSecond) {

    public LimitsConfig {
        require(clientIdMaxBytes >= 0, "limits.client-id-max-bytes must be 0 (off) or more");
        require(topicMaxBytes >= 0, "limits.topic-max-bytes must be 0 (off) or more");
        require(topicMaxSlashes >= 0, "limits.topic-max-slashes must be 0 (off) or more");
        require(payloadMaxBytes >= 0, "limits.payload-max-bytes must be 0 (off) or more");
        require(userPropertiesMaxBytes >= 0, "limits.user-properties-max-bytes must be 0 (off) or more");
        require(contentTypeMaxBytes >= 0, "limits.content-type-max-bytes must be 0 (off) or more");
        require(filtersPerSubscribe >= 0, "limits.filters-per-subscribe must be 0 (off) or more");
        require(subscriptionsPerConnection >= 0, "limits.subscriptions-per-connection must be 0 (off) or more");
        require(publishesPerSecond >= 0 && publishesPerSecond <= 100_000,
                "limits.publishes-per-second must be 0 (off) to 100000, was " + publishesPerSecond);
        require(bytesPerSecond >= 0, "limits.bytes-per-second must be 0 (off) or more");
        require(connectsPerSecond >= 0, "limits.connects-per-second must be 0 (off) or more");
        require(connectBurst >= 1, "limits.connect-burst must be at least 1, was " + connectBurst);
        require(shareNameMaxChars >= 0, "limits.share-name-max-chars must be 0 (off) or more");
        require(shadowRequestsPerSecond >= 0, "limits.shadow-requests-per-second must be 0 (off) or more");
    }

    /** AWS IoT Core's documented values. */
    public static LimitsConfig aws() {
        return new LimitsConfig(128, 256, 7, 131_072, 8_192, 256, 8, 50, 100, 524_288, 1, 5, true, 128, 20);
    }

    /** No quotas or rate limits beyond the protocol's; for benchmarks and load tests. */
    public static LimitsConfig relaxed() {
        return new LimitsConfig(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, true, 0, 0);
    }
}
