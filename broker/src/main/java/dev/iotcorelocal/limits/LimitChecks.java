package dev.iotcorelocal.limits;

import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import dev.iotcorelocal.packet.UserProperty;

import java.nio.charset.StandardCharsets;

/** Pure checks of AWS IoT Core's size limits; each returns the violation, or null when within limits. */
public final class LimitChecks {
    public static final String BASIC_INGEST_PREFIX = "$aws/rules/";

    private LimitChecks() {
    }

    public static Violation clientId(String clientId, LimitsConfig limits) {
        int bytes = utf8Length(clientId);
        if (limits.clientIdMaxBytes() > 0 && bytes > limits.clientIdMaxBytes()) {
            return new Violation(Limit.CLIENT_ID_LENGTH, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    bytes + " > " + limits.clientIdMaxBytes() + " bytes");
        }
        if (clientId.startsWith("$")) {
            return new Violation(Limit.CLIENT_ID_RESERVED, ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, clientId);
        }
        return null;
    }

    /** Topic name size and depth, not counting a Basic Ingest {@code $aws/rules/<rule>/} prefix. */
    public static Violation topicName(String topic, LimitsConfig limits) {
        return topic(withoutBasicIngestPrefix(topic), limits, ReasonCode.TOPIC_NAME_INVALID);
    }

    /** Topic filter size and depth; callers pass the filter without its {@code $share/<group>/} prefix. */
    public static Violation topicFilter(String filter, LimitsConfig limits) {
        return topic(filter, limits, ReasonCode.TOPIC_FILTER_INVALID);
    }

    private static Violation topic(String counted, LimitsConfig limits, ReasonCode reason) {
        if (limits.topicMaxBytes() > 0) { // measured only when limited: this runs on every PUBLISH
            int bytes = utf8Length(counted);
            if (bytes > limits.topicMaxBytes()) {
                return new Violation(Limit.TOPIC_LENGTH, reason, bytes + " > " + limits.topicMaxBytes() + " bytes");
            }
        }
        if (limits.topicMaxSlashes() > 0) {
            int slashes = 0;
            for (int i = 0; i < counted.length(); i++) {
                if (counted.charAt(i) == '/') {
                    slashes++;
                }
            }
            if (slashes > limits.topicMaxSlashes()) {
                return new Violation(Limit.TOPIC_DEPTH, reason, slashes + " > " + limits.topicMaxSlashes() + " slashes");
            }
        }
        return null;
    }

    /** The share name of {@code $share/<name>/<filter>}, in characters (AWS: 128 UTF-8 characters). */
    public static Violation shareName(String shareName, LimitsConfig limits) {
        int maximum = limits.shareNameMaxChars();
        if (maximum > 0 && shareName.length() > maximum) { // chars >= code points: cheap test first
            int chars = shareName.codePointCount(0, shareName.length());
            if (chars > maximum) {
                return new Violation(Limit.SHARE_NAME_LENGTH, ReasonCode.TOPIC_FILTER_INVALID,
                        chars + " > " + maximum + " characters");
            }
        }
        return null;
    }

    /**
     * Every size and topic rule a message is held to, the publish rate aside: topic name, reserved
     * topics (and RETAIN on them), payload and properties. A PUBLISH and a Will are checked alike,
     * so a Will cannot carry what the same PUBLISH could not.
     */
    public static Violation message(String topic, boolean retain, byte[] payload, PublishProperties properties,
                                    LimitsConfig limits) {
        Violation violation = topicName(topic, limits);
        if (violation != null) {
            return violation;
        }
        if (limits.reservedTopics() && topic.startsWith("$")) {
            if (!ReservedTopics.canPublish(topic)) {
                return new Violation(Limit.RESERVED_TOPIC, ReasonCode.TOPIC_NAME_INVALID, topic);
            }
            if (retain) {
                return new Violation(Limit.RETAIN_ON_RESERVED_TOPIC, ReasonCode.TOPIC_NAME_INVALID, topic);
            }
        }
        return publishQuotas(payload, properties, limits);
    }

    /** Payload, user properties (as encoded) and content type sizes. */
    public static Violation publishQuotas(byte[] payload, PublishProperties properties, LimitsConfig limits) {
        if (limits.payloadMaxBytes() > 0 && payload.length > limits.payloadMaxBytes()) {
            return new Violation(Limit.PAYLOAD_SIZE, ReasonCode.QUOTA_EXCEEDED,
                    payload.length + " > " + limits.payloadMaxBytes() + " bytes");
        }
        if (limits.userPropertiesMaxBytes() > 0 && !properties.userProperties().isEmpty()) {
            int size = userPropertiesSize(properties);
            if (size > limits.userPropertiesMaxBytes()) {
                return new Violation(Limit.USER_PROPERTIES_SIZE, ReasonCode.QUOTA_EXCEEDED,
                        size + " > " + limits.userPropertiesMaxBytes() + " bytes");
            }
        }
        if (limits.contentTypeMaxBytes() > 0 && properties.contentType() != null) {
            int size = utf8Length(properties.contentType());
            if (size > limits.contentTypeMaxBytes()) {
                return new Violation(Limit.CONTENT_TYPE_SIZE, ReasonCode.QUOTA_EXCEEDED,
                        size + " > " + limits.contentTypeMaxBytes() + " bytes");
            }
        }
        return null;
    }

    /**
     * User properties counted as the names' and values' UTF-8 bytes: AWS states "a total of 8KB"
     * without saying whether the encoding overhead counts, so the overhead is left out (documented).
     */
    static int userPropertiesSize(PublishProperties properties) {
        int size = 0;
        for (UserProperty p : properties.userProperties()) {
            size += utf8Length(p.name()) + utf8Length(p.value());
        }
        return size;
    }

    public static boolean isBasicIngest(String topic) {
        return topic.startsWith(BASIC_INGEST_PREFIX);
    }

    static String withoutBasicIngestPrefix(String topic) {
        if (!isBasicIngest(topic)) {
            return topic;
        }
        int ruleEnd = topic.indexOf('/', BASIC_INGEST_PREFIX.length());
        return ruleEnd < 0 ? "" : topic.substring(ruleEnd + 1);
    }

    private static int utf8Length(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }
}
