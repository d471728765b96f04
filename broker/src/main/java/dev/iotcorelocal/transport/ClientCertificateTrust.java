package dev.iotcorelocal.transport;

import io.netty.handler.ssl.OpenSslCertificateException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;

/**
 * Trusts client certificates issued by the local CA, and makes BoringSSL refuse the others with
 * the TLS alert that names the problem. Netty hands BoringSSL "unspecified" for any exception of
 * the JDK's trust manager, which BoringSSL sends as {@code internal_error}: clients then report a
 * server fault. Here a certificate not issued by the local CA gets {@code unknown_ca} and any other
 * refusal {@code bad_certificate}; expiry keeps Netty's own mapping ({@code certificate_expired}).
 */
final class ClientCertificateTrust extends X509ExtendedTrustManager {
    // OpenSSL's X509_V_ERR_* codes (x509_vfy.h), as tcnative's CertificateVerifier names them; its
    // classes are a runtime dependency only. BoringSSL maps 20 to unknown_ca, 28 to bad_certificate.
    static final int X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY = 20;
    static final int X509_V_ERR_CERT_REJECTED = 28;

    private final X509ExtendedTrustManager delegate;

    private ClientCertificateTrust(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    /** The trust manager for BoringSSL: the JDK's PKIX checks against the CA file, with precise alerts. */
    static X509ExtendedTrustManager forOpenSsl(Path caCertificate) throws IOException, GeneralSecurityException {
        return new ClientCertificateTrust(pkix(caCertificate));
    }

    static X509ExtendedTrustManager pkix(Path caCertificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            int n = 0;
            for (java.security.cert.Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, ca);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (javax.net.ssl.TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager for " + caCertificate);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw withAlert(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw withAlert(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw withAlert(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** The refusal as an exception carrying the X.509 error BoringSSL turns into the right alert. */
    static CertificateException withAlert(CertificateException e) {
        if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException
                || e instanceof OpenSslCertificateException) {
            return e;
        }
        int error = unknownIssuer(e) ? X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
                : X509_V_ERR_CERT_REJECTED;
        OpenSslCertificateException mapped = new OpenSslCertificateException(e.getMessage(), error);
        mapped.initCause(e);
        return mapped;
    }

    /**
     * Not issued by the local CA: no path to it was built, the path ends at no trust anchor (what
     * the JDK reports for another dev PKI's certificate, whose CA has the same name), or the CA of
     * that name did not sign it.
     */
    static boolean unknownIssuer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException) {
                return true;
            }
            if (t instanceof CertPathValidatorException v && (v.getReason() == PKIXReason.NO_TRUST_ANCHOR
                    || v.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE)) {
                return true;
            }
        }
        return false;
    }
}
