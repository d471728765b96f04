package dev.iotcorelocal.limits;

/** Each AWS IoT Core limit the broker enforces, with the configuration key that sets it. */
public enum Limit {
    CLIENT_ID_LENGTH("limits.client-id-max-bytes", "client ID too long"),
    CLIENT_ID_RESERVED("limits.client-id-max-bytes", "client IDs starting with '$' are reserved"),
    CONNECT_RATE("limits.connects-per-second", "too many CONNECTs for this client ID"),
    TOPIC_LENGTH("limits.topic-max-bytes", "topic too long"),
    TOPIC_DEPTH("limits.topic-max-slashes", "topic has too many levels"),
    RESERVED_TOPIC("limits.reserved-topics", "reserved topic not allowed for this operation"),
    RETAIN_ON_RESERVED_TOPIC("limits.reserved-topics", "retained publish to a reserved topic"),
    RETAINED_MESSAGES("memory.retained-max-messages", "retained messages at their bound"),
    PAYLOAD_SIZE("limits.payload-max-bytes", "payload too large"),
    USER_PROPERTIES_SIZE("limits.user-properties-max-bytes", "user properties too large"),
    CONTENT_TYPE_SIZE("limits.content-type-max-bytes", "content type too long"),
    PUBLISH_RATE("limits.publishes-per-second", "publish rate exceeded"),
    SHARE_NAME_LENGTH("limits.share-name-max-chars", "share name too long"),
    FILTERS_PER_SUBSCRIBE("limits.filters-per-subscribe", "too many topic filters in one SUBSCRIBE"),
    SUBSCRIPTIONS_PER_CONNECTION("limits.subscriptions-per-connection", "too many subscriptions on this connection");

    private final String configKey;
    private final String description;

    Limit(String configKey, String description) {
        this.configKey = configKey;
        this.description = description;
    }

    public String configKey() {
        return configKey;
    }

    public String description() {
        return description;
    }
}
