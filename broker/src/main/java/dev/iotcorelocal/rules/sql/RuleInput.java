package dev.iotcorelocal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.packet.PublishProperties;

/**
 * One message as the rules engine sees it: what SQL functions and substitution templates read.
 * {@code topic} is the topic {@code topic()} sees (Basic Ingest's {@code $aws/rules/<rule>/}
 * prefix already stripped). Identity fields are null when the message did not come from an MQTT
 * client ({@code clientid()} then answers {@code n/a}). {@code timestampMillis} is read once from
 * the broker's clock, so every {@code timestamp()} of one message agrees. The payload's JSON is
 * parsed once, on first use, however many rules read it.
 */
public final class RuleInput {
    private final String topic;
    private final byte[] payload;
    private final PublishProperties properties;
    private final String clientId;
    private final String principal;
    private final String sourceIp;
    private final String traceId;
    private final long timestampMillis;
    private volatile ParsedPayload parsed;

    public RuleInput(String topic, byte[] payload, PublishProperties properties, String clientId, String principal,
                     String sourceIp, String traceId, long timestampMillis) {
        this.topic = topic;
        this.payload = payload;
        this.properties = properties;
        this.clientId = clientId;
        this.principal = principal;
        this.sourceIp = sourceIp;
        this.traceId = traceId;
        this.timestampMillis = timestampMillis;
    }

    public String topic() { return topic; }
    /** Never mutated. */
    public byte[] payload() { return payload; }
    public PublishProperties properties() { return properties; }
    public String clientId() { return clientId; }
    public String principal() { return principal; }
    public String sourceIp() { return sourceIp; }
    public String traceId() { return traceId; }
    public long timestampMillis() { return timestampMillis; }

    /**
     * The payload as JSON, or null when it is not JSON (binary or text). Parsed on first call; a
     * race parses twice and keeps either result, which are equal, so no lock is needed.
     */
    public JsonNode json() {
        ParsedPayload result = parsed;
        if (result == null) {
            result = ParsedPayload.of(payload);
            parsed = result;
        }
        return result.json();
    }
}
