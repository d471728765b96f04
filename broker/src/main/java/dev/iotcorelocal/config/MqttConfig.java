package dev.iotcorelocal.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import static dev.iotcorelocal.config.ConfigException.require;

/** The MQTT capabilities and limits the broker announces and enforces (AWS IoT Core's by default). */
public record MqttConfig(@JsonProperty("maximum-packet-size") int maximumPacketSize,
                         @JsonProperty("receive-maximum") int receiveMaximum,
                         @JsonProperty("outbound-inflight-maximum") int outboundInflightMaximum,
                         @JsonProperty("topic-alias-maximum") int topicAliasMaximum,
                         @JsonProperty("maximum-qos") int maximumQos,
                         @JsonProperty("keep-alive-min") int keepAliveMin,
                         @JsonProperty("keep-alive-max") int keepAliveMax,
                         @JsonProperty("hash-matches-parent") boolean hashMatchesParent,
                         @JsonProperty("connack-session-expiry") ConnackSessionExpiry connackSessionExpiry,
                         @JsonProperty("connect-timeout-seconds") int connectTimeoutSeconds) {

    /** What CONNACK says about the Session Expiry Interval. */
    public enum ConnackSessionExpiry {
        /** Always 0, as AWS IoT Core answers, while the session is kept for the capped request. */
        @JsonProperty("aws") AWS,
        /** The spec's answer: omitted when the request was honoured, the cap when it was lowered. */
        @JsonProperty("spec") SPEC
    }

    public MqttConfig {
        require(maximumPacketSize >= 64 && maximumPacketSize <= 268_435_460,
                "mqtt.maximum-packet-size must be 64..268435460, was " + maximumPacketSize);
        require(receiveMaximum >= 1 && receiveMaximum <= 65_535, "mqtt.receive-maximum must be 1..65535, was " + receiveMaximum);
        require(outboundInflightMaximum >= 1 && outboundInflightMaximum <= 65_535,
                "mqtt.outbound-inflight-maximum must be 1..65535, was " + outboundInflightMaximum);
        require(topicAliasMaximum >= 0 && topicAliasMaximum <= 65_535,
                "mqtt.topic-alias-maximum must be 0..65535, was " + topicAliasMaximum);
        // QoS 2 needs the PUBREC/PUBREL/PUBCOMP flow, which the codec handles but the broker does not run yet.
        require(maximumQos == 0 || maximumQos == 1, "mqtt.maximum-qos must be 0 or 1, was " + maximumQos);
        require(keepAliveMin >= 1 && keepAliveMin <= keepAliveMax && keepAliveMax <= 65_535,
                "mqtt.keep-alive-min and keep-alive-max must satisfy 1 <= min <= max <= 65535, were "
                        + keepAliveMin + " and " + keepAliveMax);
        require(connackSessionExpiry != null, "mqtt.connack-session-expiry must be 'aws' or 'spec'");
        require(connectTimeoutSeconds >= 1, "mqtt.connect-timeout-seconds must be at least 1, was " + connectTimeoutSeconds);
    }

    /** AWS's clamp: 0 or above the maximum gives the maximum, below the minimum gives the minimum. */
    public int clampKeepAlive(int requested) {
        if (requested == 0 || requested > keepAliveMax) {
            return keepAliveMax;
        }
        return Math.max(requested, keepAliveMin);
    }
}
