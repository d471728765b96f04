package dev.iotcorelocal.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * The CA that plays Amazon's role: it signs the certificates CreateKeysAndCertificate and
 * CreateCertificateFromCsr return, and the TLS listener trusts it. Key generation takes tens of
 * milliseconds: call {@link #issueWithNewKeys} off the event loops.
 */
public final class LocalCertificateAuthority {
    /** The subject AWS IoT gives the certificates it issues. */
    public static final String ISSUED_SUBJECT = "CN=AWS IoT Certificate";

    private final X509Certificate certificate;
    private final PrivateKey key;

    private LocalCertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The dev PKI's CA ({@link DevPki#CA_CERT} and its key) in this folder. */
    public static LocalCertificateAuthority load(Path dir) throws IOException, GeneralSecurityException {
        return new LocalCertificateAuthority(PemFiles.readCertificate(dir.resolve(DevPki.CA_CERT)),
                PemFiles.readPrivateKey(dir.resolve(DevPki.CA_KEY)));
    }

    /** A CA that lives only in memory: a second, independent CA (tests, RegisterCACertificate examples). */
    public static LocalCertificateAuthority createInMemory(String commonName) throws GeneralSecurityException {
        KeyPair keys = CertificateFactory.newKeyPair();
        return new LocalCertificateAuthority(CertificateFactory.rootCa(keys, commonName), keys.getPrivate());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A new RSA-2048 key pair and a client certificate for it. */
    public IssuedKeys issueWithNewKeys(String subject) throws GeneralSecurityException {
        KeyPair keys = CertificateFactory.newKeyPair();
        return new IssuedKeys(issue(keys.getPublic(), new X500Name(subject)), keys);
    }

    /** A client certificate for any public key under this subject. */
    public X509Certificate issue(PublicKey key, X500Name subject) throws GeneralSecurityException {
        return CertificateFactory.device(key, subject, certificate, this.key);
    }

    /**
     * A client certificate for the CSR's key. The CSR's subject is kept when it has one.
     *
     * @throws GeneralSecurityException when the CSR's signature does not verify with its own key
     */
    public X509Certificate issue(PKCS10CertificationRequest csr) throws GeneralSecurityException {
        JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csr);
        PublicKey publicKey = request.getPublicKey();
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new GeneralSecurityException("the CSR's signature does not match its public key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException("the CSR's signature cannot be checked: " + e.getMessage(), e);
        }
        X500Name subject = csr.getSubject().getRDNs().length == 0 ? new X500Name(ISSUED_SUBJECT) : csr.getSubject();
        return issue(publicKey, subject);
    }

    /** A certificate with the key pair it was issued for. */
    public record IssuedKeys(X509Certificate certificate, KeyPair keys) {
    }
}
