package dev.iotcorelocal.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The event payloads, field for field in the order of AWS's documented examples (spec §6.2):
 * consumers written against AWS's samples sometimes compare text, so the order is kept exactly.
 */
final class LifecycleEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LifecycleEventJson() {
    }

    static byte[] connected(ConnectionFacts facts, long timestamp, String ipAddress, long versionNumber) {
        return write(json -> {
            head(json, facts, timestamp, "connected");
            identifiers(json, facts);
            json.writeStringField("ipAddress", ipAddress);
            json.writeNumberField("versionNumber", versionNumber);
        });
    }

    static byte[] disconnected(ConnectionFacts facts, long timestamp, DisconnectReason reason, long versionNumber) {
        return write(json -> {
            head(json, facts, timestamp, "disconnected");
            identifiers(json, facts);
            json.writeBooleanField("clientInitiatedDisconnect", reason.clientInitiated());
            json.writeStringField("disconnectReason", reason.name());
            json.writeNumberField("versionNumber", versionNumber);
        });
    }

    /** AWS's example lists the principal before the session here, unlike the other events. */
    static byte[] connectFailed(ConnectionFacts facts, long timestamp, String ipAddress) {
        return write(json -> {
            head(json, facts, timestamp, "connect_failed");
            json.writeStringField("connectFailureReason", "AUTHORIZATION_FAILED");
            json.writeStringField("principalIdentifier", facts.principalIdentifier());
            json.writeStringField("sessionIdentifier", facts.sessionIdentifier().toString());
            json.writeStringField("ipAddress", ipAddress);
        });
    }

    /** @param eventType "subscribed" or "unsubscribed" */
    static byte[] subscriptions(ConnectionFacts facts, long timestamp, String eventType, List<String> topics) {
        return write(json -> {
            head(json, facts, timestamp, eventType);
            identifiers(json, facts);
            json.writeArrayFieldStart("topics");
            for (String topic : topics) {
                json.writeString(topic);
            }
            json.writeEndArray();
        });
    }

    private static void head(JsonGenerator json, ConnectionFacts facts, long timestamp, String eventType)
            throws IOException {
        json.writeStringField("clientId", facts.clientId());
        if (facts.thingName() != null) {
            json.writeStringField("thingName", facts.thingName());
        }
        json.writeNumberField("timestamp", timestamp);
        json.writeStringField("eventType", eventType);
    }

    private static void identifiers(JsonGenerator json, ConnectionFacts facts) throws IOException {
        json.writeStringField("sessionIdentifier", facts.sessionIdentifier().toString());
        json.writeStringField("principalIdentifier", facts.principalIdentifier());
    }

    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayBuilder out = new ByteArrayBuilder(512); // events are 200-400 bytes: one block
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output: cannot happen
        }
        return out.toByteArray();
    }
}
