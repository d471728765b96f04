package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored shadow: the {@code desired} and {@code reported} sections (null when absent), their
 * metadata trees and the version. Immutable by contract: no node reachable from it is ever
 * mutated (updates copy the paths they change), so readers on any thread see a consistent
 * document. {@code stateJson} and {@code metadataJson} are the compact JSON of
 * {@code {"desired":..,"reported":..}} and of its metadata, written once per update: they
 * measure the size limit and are the {@code current} (and next {@code previous}) of
 * {@code update/documents} without serialising the tree again.
 */
record ShadowDocument(ObjectNode desired, ObjectNode reported, ObjectNode desiredMetadata,
                      ObjectNode reportedMetadata, long version, String stateJson, String metadataJson) {

    static ShadowDocument of(Section desired, Section reported, long version) {
        ObjectNode state = ShadowJson.object();
        ObjectNode metadata = ShadowJson.object();
        if (desired != null) {
            state.set("desired", desired.state());
            metadata.set("desired", desired.metadata());
        }
        if (reported != null) {
            state.set("reported", reported.state());
            metadata.set("reported", reported.metadata());
        }
        return new ShadowDocument(desired == null ? null : desired.state(), reported == null ? null : reported.state(),
                desired == null ? null : desired.metadata(), reported == null ? null : reported.metadata(), version,
                ShadowJson.compact(state), ShadowJson.compact(metadata));
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
