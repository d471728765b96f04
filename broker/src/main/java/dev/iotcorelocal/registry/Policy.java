package dev.iotcorelocal.registry;

import java.time.Instant;
import java.util.List;

/**
 * A policy with its versions (oldest first). Exactly one version is the default: the operative
 * one. Version IDs are never reused, as AWS's.
 */
public record Policy(String name, String arn, List<Version> versions, String defaultVersionId, int lastVersionNumber,
                     Instant creationDate, Instant lastModifiedDate, String generationId) {
    public Policy {
        versions = List.copyOf(versions);
    }

    public Version defaultVersion() {
        return version(defaultVersionId);
    }

    /** The version with this ID, or null. */
    public Version version(String versionId) {
        return versions.stream().filter(v -> v.id().equals(versionId)).findFirst().orElse(null);
    }

    /** One policy document version. */
    public record Version(String id, String document, Instant createDate) {
    }
}
