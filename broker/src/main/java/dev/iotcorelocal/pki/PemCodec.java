package dev.iotcorelocal.pki;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * PEM text in and out, for what the HTTP API receives and returns. Parsing answers empty for
 * anything that is not the one expected object, so callers can name the bad field.
 */
public final class PemCodec {
    private PemCodec() {
    }

    /** The first object of the text, when it is an X.509 certificate. */
    public static Optional<X509Certificate> parseCertificate(String pem) {
        Object object = firstObject(pem);
        if (!(object instanceof X509CertificateHolder holder)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new JcaX509CertificateConverter().getCertificate(holder));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The first object of the text, when it is a PKCS#10 certificate signing request. */
    public static Optional<PKCS10CertificationRequest> parseCsr(String pem) {
        return firstObject(pem) instanceof PKCS10CertificationRequest csr ? Optional.of(csr) : Optional.empty();
    }

    public static String certificate(X509Certificate certificate) {
        return write(certificate);
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo), as AWS returns it. */
    public static String publicKey(PublicKey key) {
        return write(key);
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) for RSA keys, as CreateKeysAndCertificate returns it. */
    public static String privateKey(PrivateKey key) {
        return write(key);
    }

    private static Object firstObject(String pem) {
        if (pem == null) {
            return null;
        }
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            return null; // malformed base64 or DER: not a PEM object
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
