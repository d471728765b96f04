package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored shadow: the {@code desired} and {@code reported} sections (null when absent), their
 * metadata trees and the version. Immutable by contract: no node reachable from it is ever
 * mutated (updates copy the paths they change), so readers on any thread see a consistent
 * document. {@code stateJson} is the compact JSON of {@code {"desired":..,"reported":..}},
 * written once per update: it measures the size limit and is the {@code current} (and next
 * {@code previous}) state of {@code update/documents}. The metadata's JSON is needed only there,
 * so it is written the first time a document asks for it (at most once: the trees never change,
 * and a race writes the same string twice at worst).
 */
final class ShadowDocument {
    private final ObjectNode desired;
    private final ObjectNode reported;
    private final ObjectNode desiredMetadata;
    private final ObjectNode reportedMetadata;
    private final long version;
    private final String stateJson;
    private volatile String metadataJson;

    private ShadowDocument(ObjectNode desired, ObjectNode reported, ObjectNode desiredMetadata,
                           ObjectNode reportedMetadata, long version, String stateJson) {
        this.desired = desired;
        this.reported = reported;
        this.desiredMetadata = desiredMetadata;
        this.reportedMetadata = reportedMetadata;
        this.version = version;
        this.stateJson = stateJson;
    }

    static ShadowDocument of(Section desired, Section reported, long version) {
        ObjectNode state = ShadowJson.object();
        if (desired != null) {
            state.set("desired", desired.state());
        }
        if (reported != null) {
            state.set("reported", reported.state());
        }
        return new ShadowDocument(desired == null ? null : desired.state(), reported == null ? null : reported.state(),
                desired == null ? null : desired.metadata(), reported == null ? null : reported.metadata(), version,
                ShadowJson.compact(state));
    }

    ObjectNode desired() {
        return desired;
    }

    ObjectNode reported() {
        return reported;
    }

    ObjectNode desiredMetadata() {
        return desiredMetadata;
    }

    ObjectNode reportedMetadata() {
        return reportedMetadata;
    }

    long version() {
        return version;
    }

    String stateJson() {
        return stateJson;
    }

    /** {@code {"desired":<metadata>,"reported":<metadata>}}, sections as in the state. */
    String metadataJson() {
        String json = metadataJson;
        if (json == null) {
            ObjectNode metadata = ShadowJson.object();
            if (desiredMetadata != null) {
                metadata.set("desired", desiredMetadata);
            }
            if (reportedMetadata != null) {
                metadata.set("reported", reportedMetadata);
            }
            json = ShadowJson.compact(metadata);
            metadataJson = json;
        }
        return json;
    }

    Section desiredSection() {
        return desired == null ? null : new Section(desired, desiredMetadata);
    }

    Section reportedSection() {
        return reported == null ? null : new Section(reported, reportedMetadata);
    }

    /** UTF-8 bytes of the state (metadata excluded), as AWS measures its 8 KB limit. */
    int stateBytes() {
        return utf8Length(stateJson);
    }

    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
