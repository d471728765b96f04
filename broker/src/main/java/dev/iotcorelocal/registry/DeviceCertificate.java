package dev.iotcorelocal.registry;

import java.time.Instant;

/**
 * A registered device certificate (DescribeCertificate's fields). {@code caCertificateId} is null
 * for certificates issued by the local CA or registered without a CA.
 */
public record DeviceCertificate(String id, String arn, String pem, CertificateStatus status, String caCertificateId,
                                Instant creationDate, Instant lastModifiedDate, int customerVersion,
                                String generationId, Instant notBefore, Instant notAfter) {

    DeviceCertificate withStatus(CertificateStatus newStatus, Instant now, String newGenerationId) {
        return new DeviceCertificate(id, arn, pem, newStatus, caCertificateId, creationDate, now, customerVersion + 1,
                newGenerationId, notBefore, notAfter);
    }
}
