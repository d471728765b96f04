package dev.iotcorelocal.transport;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCertificateException;
import org.junit.jupiter.api.Test;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which X.509 error (and so which TLS alert) BoringSSL gets for each way a client certificate is refused. */
class ClientCertificateTrustTest {

    @Test
    void noPathToTheCaOrAForeignSignatureIsUnknownCaAndTheRestBadCertificate() {
        assumeTrue(OpenSsl.isAvailable(), "the error codes are BoringSSL's");
        CertificateException noPath = new CertificateException("PKIX path building failed",
                new CertPathBuilderException("unable to find valid certification path"));
        CertificateException foreign = new CertificateException("PKIX path validation failed",
                new CertPathValidatorException("signature check failed", null, null, -1,
                        CertPathValidatorException.BasicReason.INVALID_SIGNATURE));
        CertificateException noAnchor = new CertificateException("PKIX path validation failed",
                new CertPathValidatorException("Path does not chain with any of the trust anchors", null, null, -1,
                        java.security.cert.PKIXReason.NO_TRUST_ANCHOR));
        CertificateException other = new CertificateException("extended key usage does not permit client auth");

        assertThat(errorCode(ClientCertificateTrust.withAlert(noPath)))
                .isEqualTo(ClientCertificateTrust.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        assertThat(errorCode(ClientCertificateTrust.withAlert(foreign)))
                .isEqualTo(ClientCertificateTrust.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        assertThat(errorCode(ClientCertificateTrust.withAlert(noAnchor)))
                .isEqualTo(ClientCertificateTrust.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        assertThat(errorCode(ClientCertificateTrust.withAlert(other)))
                .isEqualTo(ClientCertificateTrust.X509_V_ERR_CERT_REJECTED);
        CertificateExpiredException expired = new CertificateExpiredException("expired");
        assertThat(ClientCertificateTrust.withAlert(expired)).as("Netty maps expiry itself").isSameAs(expired);
    }

    private static int errorCode(CertificateException e) {
        assertThat(e).isInstanceOf(OpenSslCertificateException.class);
        return ((OpenSslCertificateException) e).errorCode();
    }
}
