package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.PemCodec;

import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/** Turns PEM request fields into certificates, refusing with CertificateValidationException as AWS does. */
final class CertificateParsing {
    static final int MAX_PEM_CHARS = 65_536;

    private CertificateParsing() {
    }

    static X509Certificate parse(String pem, String field, Instant now) {
        if (pem == null || pem.isBlank()) {
            throw RegistryRefusal.invalid(field + " is required");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw RegistryRefusal.invalid(field + " is longer than " + MAX_PEM_CHARS + " characters");
        }
        X509Certificate certificate = PemCodec.parseCertificate(pem).orElseThrow(() -> invalid(
                field + " is not a PEM-encoded X.509 certificate"));
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw invalid("the certificate in " + field + " expired on " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw invalid("the certificate in " + field + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        return certificate;
    }

    static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    /** Whether {@code certificate} names {@code issuer} as its issuer and carries its signature. */
    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        PublicKey key = issuer.getPublicKey();
        try {
            certificate.verify(key);
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static RegistryRefusal invalid(String message) {
        return new RegistryRefusal(RegistryError.CERTIFICATE_VALIDATION, message);
    }
}
