package dev.iotcorelocal.registry;

import java.time.Instant;

/** A registered CA certificate (DescribeCACertificate's fields). */
public record CaCertificate(String id, String arn, String pem, boolean active, boolean autoRegistration,
                            Instant creationDate, Instant lastModifiedDate, int customerVersion, String generationId,
                            Instant notBefore, Instant notAfter) {

    CaCertificate with(boolean newActive, boolean newAutoRegistration, Instant now, String newGenerationId) {
        return new CaCertificate(id, arn, pem, newActive, newAutoRegistration, creationDate, now, customerVersion + 1,
                newGenerationId, notBefore, notAfter);
    }
}
