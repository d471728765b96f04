package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * The service's documents, keys in the order AWS writes them (the spec's response shapes, taken
 * from AWS's transcripts); {@code clientToken} last and only when the request carried one.
 */
final class Responses {
    private Responses() {
    }

    /** {@code update/accepted}: the request's sections as sent (nulls included) with their metadata. */
    static byte[] updateAccepted(UpdateRequest request, ObjectNode timestamp, long version, long now) {
        return ShadowJson.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("state");
            echo(g, "desired", request.desired(), null);
            echo(g, "reported", request.reported(), null);
            g.writeEndObject();
            g.writeObjectFieldStart("metadata");
            echo(g, "desired", request.desired(), timestamp);
            echo(g, "reported", request.reported(), timestamp);
            g.writeEndObject();
            tail(g, version, now, request.clientToken());
        });
    }

    private static void echo(JsonGenerator g, String name, ObjectNode section, ObjectNode timestamp)
            throws IOException {
        if (section == UpdateRequest.ABSENT) {
            return;
        }
        if (section == null) {
            if (timestamp == null) {
                g.writeNullField(name);
            } else {
                ShadowJson.tree(g, name, timestamp);
            }
            return;
        }
        ShadowJson.tree(g, name, timestamp == null ? section : Metadata.of(section, timestamp));
    }

    /** {@code update/delta}: version and timestamp first, the delta without a desired/reported wrapper. */
    static byte[] delta(Section delta, long version, long now, String clientToken) {
        return ShadowJson.write(g -> {
            g.writeStartObject();
            g.writeNumberField("version", version);
            g.writeNumberField("timestamp", now);
            ShadowJson.tree(g, "state", delta.state());
            ShadowJson.tree(g, "metadata", delta.metadata());
            if (clientToken != null) {
                g.writeStringField("clientToken", clientToken);
            }
            g.writeEndObject();
        });
    }

    /** {@code update/documents}: previous (left out when the update created the shadow) and current. */
    static byte[] documents(ShadowDocument previous, ShadowDocument current, long now, String clientToken) {
        // the metadata's JSON is written (once per document) before this generator takes the thread's buffers
        if (previous != null) {
            previous.metadataJson();
        }
        current.metadataJson();
        return ShadowJson.write(g -> {
            g.writeStartObject();
            if (previous != null) {
                g.writeFieldName("previous");
                snapshot(g, previous);
            }
            g.writeFieldName("current");
            snapshot(g, current);
            g.writeNumberField("timestamp", now);
            if (clientToken != null) {
                g.writeStringField("clientToken", clientToken);
            }
            g.writeEndObject();
        });
    }

    private static void snapshot(JsonGenerator g, ShadowDocument document) throws IOException {
        g.writeStartObject();
        g.writeFieldName("state");
        g.writeRawValue(document.stateJson());
        g.writeFieldName("metadata");
        g.writeRawValue(document.metadataJson());
        g.writeNumberField("version", document.version());
        g.writeEndObject();
    }

    /** {@code get/accepted} and GetThingShadow: the document with its delta, when there is one. */
    static byte[] get(ShadowDocument document, long now, String clientToken) {
        Section delta = Delta.of(document.desiredSection(), document.reported());
        return ShadowJson.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("state");
            optional(g, "desired", document.desired());
            optional(g, "reported", document.reported());
            optional(g, "delta", delta == null ? null : delta.state());
            g.writeEndObject();
            g.writeObjectFieldStart("metadata");
            optional(g, "desired", document.desiredMetadata());
            optional(g, "reported", document.reportedMetadata());
            optional(g, "delta", delta == null ? null : delta.metadata());
            g.writeEndObject();
            tail(g, document.version(), now, clientToken);
        });
    }

    private static void optional(JsonGenerator g, String name, ObjectNode node) throws IOException {
        if (node != null) {
            ShadowJson.tree(g, name, node);
        }
    }

    /** {@code delete/accepted} and DeleteThingShadow: the deleted document's version. */
    static byte[] deleted(long version, long now, String clientToken) {
        return ShadowJson.write(g -> {
            g.writeStartObject();
            tail(g, version, now, clientToken);
        });
    }

    /** {@code .../rejected}: {@code code} as an integer, as the SDKs parse it. */
    static byte[] rejected(int code, String message, long now, String clientToken) {
        return ShadowJson.write(g -> {
            g.writeStartObject();
            g.writeNumberField("code", code);
            g.writeStringField("message", message);
            g.writeNumberField("timestamp", now);
            if (clientToken != null) {
                g.writeStringField("clientToken", clientToken);
            }
            g.writeEndObject();
        });
    }

    private static void tail(JsonGenerator g, long version, long now, String clientToken) throws IOException {
        g.writeNumberField("version", version);
        g.writeNumberField("timestamp", now);
        if (clientToken != null) {
            g.writeStringField("clientToken", clientToken);
        }
        g.writeEndObject();
    }
}
