package dev.iotcorelocal.packet;

import java.util.List;

/**
 * MQTT 5 PUBLISH (and Will) properties. Absent values are null (or 0 for the topic alias,
 * which the spec forbids to be 0 on the wire). {@code correlationData} is never mutated.
 */
public record PublishProperties(
        Integer payloadFormatIndicator,
        Long messageExpiryInterval,
        int topicAlias,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties,
        List<Integer> subscriptionIdentifiers,
        String contentType) {

    public static final PublishProperties EMPTY =
            new PublishProperties(null, null, 0, null, null, List.of(), List.of(), null);

    public PublishProperties {
        userProperties = List.copyOf(userProperties);
        subscriptionIdentifiers = List.copyOf(subscriptionIdentifiers);
    }

    public boolean isEmpty() {
        return payloadFormatIndicator == null && messageExpiryInterval == null && topicAlias == 0
                && responseTopic == null && correlationData == null && userProperties.isEmpty()
                && subscriptionIdentifiers.isEmpty() && contentType == null;
    }

    /** Same properties as sent to one subscriber: a new expiry, alias and subscription ids. */
    public PublishProperties forDelivery(Long remainingExpiry, int alias, List<Integer> subscriptionIds) {
        if (alias == topicAlias && subscriptionIds.equals(subscriptionIdentifiers)
                && java.util.Objects.equals(remainingExpiry, messageExpiryInterval)) {
            return this;
        }
        return new PublishProperties(payloadFormatIndicator, remainingExpiry, alias, responseTopic,
                correlationData, userProperties, subscriptionIds, contentType);
    }

    public PublishProperties withMessageExpiry(long seconds) {
        return new PublishProperties(payloadFormatIndicator, seconds, topicAlias, responseTopic, correlationData,
                userProperties, subscriptionIdentifiers, contentType);
    }

    /** Without the inbound-only topic alias, as stored in a routed message. */
    public PublishProperties withoutAlias() {
        return topicAlias == 0 ? this : new PublishProperties(payloadFormatIndicator, messageExpiryInterval, 0,
                responseTopic, correlationData, userProperties, subscriptionIdentifiers, contentType);
    }
}
