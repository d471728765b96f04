package dev.iotcorelocal.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Makes RSA-2048 / SHA-256 certificates: what every MQTT client's TLS stack accepts. */
final class CertificateFactory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

    private CertificateFactory() {
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    static X509Certificate rootCa(KeyPair keys, String commonName) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=" + commonName + ",O=iotcore-local");
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), CA_VALIDITY);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return sign(builder, keys.getPrivate());
    }

    static X509Certificate server(KeyPair keys, X509Certificate ca, PrivateKey caKey, List<String> names)
            throws GeneralSecurityException {
        GeneralName[] altNames = names.stream().map(CertificateFactory::generalName).toArray(GeneralName[]::new);
        X509v3CertificateBuilder builder = leaf(keys, ca, "CN=localhost,O=iotcore-local", KeyPurposeId.id_kp_serverAuth);
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return sign(builder, caKey);
    }

    static X509Certificate device(KeyPair keys, X509Certificate ca, PrivateKey caKey, String commonName)
            throws GeneralSecurityException {
        return device(keys.getPublic(), new X500Name("CN=" + commonName + ",O=iotcore-local"), ca, caKey);
    }

    /** A client certificate for any public key (RSA or EC), as CreateCertificateFromCsr needs. */
    static X509Certificate device(PublicKey key, X500Name subject, X509Certificate ca, PrivateKey caKey)
            throws GeneralSecurityException {
        return sign(leaf(key, ca, subject, KeyPurposeId.id_kp_clientAuth), caKey);
    }

    private static X509v3CertificateBuilder leaf(KeyPair keys, X509Certificate ca, String subject, KeyPurposeId purpose)
            throws GeneralSecurityException {
        return leaf(keys.getPublic(), ca, new X500Name(subject), purpose);
    }

    private static X509v3CertificateBuilder leaf(PublicKey key, X509Certificate ca, X500Name subject,
                                                 KeyPurposeId purpose) throws GeneralSecurityException {
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder builder = builder(issuer, subject, key, LEAF_VALIDITY);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        return builder;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(159, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static GeneralName generalName(String name) {
        if (isIpLiteral(name)) {
            return new GeneralName(GeneralName.iPAddress, name);
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    static boolean isIpLiteral(String name) {
        if (name.contains(":")) {
            return true;
        }
        if (!name.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(name); // a dotted quad: parsed locally, no lookup
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
