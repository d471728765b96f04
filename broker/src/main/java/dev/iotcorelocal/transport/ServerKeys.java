package dev.iotcorelocal.transport;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Map;

/**
 * The server's certificate chain and private key, read with the JDK's key factories. Netty's
 * file-based reading, finding BouncyCastle on the class path, builds a BouncyCastle JCA provider
 * and lets its RSA key factory test the key's primes: about 0.1 s of every start here, twice (one
 * TLS context per listener). The key's PEM is unwrapped by BouncyCastle's parser, which needs no
 * provider. PKCS#8 keys ("BEGIN PRIVATE KEY", as the dev PKI and {@code openssl genpkey} write
 * them) of the JDK's usual types are read here; anything else (an OpenSSL "BEGIN RSA/EC PRIVATE
 * KEY", another key type) returns null, for Netty's path.
 */
record ServerKeys(PrivateKey key, X509Certificate[] chain) {
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** The files' key and chain, or null when the key's encoding or type is not one read here. */
    static ServerKeys read(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        PrivateKeyInfo info = privateKeyInfo(keyFile);
        String algorithm = info == null ? null : ALGORITHMS.get(info.getPrivateKeyAlgorithm().getAlgorithm().getId());
        if (algorithm == null) {
            return null;
        }
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        try (InputStream in = Files.newInputStream(certificateFile)) {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new IOException(certificateFile + " holds no PEM certificate");
            }
            return new ServerKeys(key, chain);
        }
    }

    private static PrivateKeyInfo privateKeyInfo(Path keyFile) throws IOException {
        try (Reader reader = Files.newBufferedReader(keyFile); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object instanceof PrivateKeyInfo info) {
                return info;
            }
            if (object instanceof PEMKeyPair) {
                return null; // traditional OpenSSL encoding: its EC parameters are not where PKCS#8 has them
            }
            throw new IOException(keyFile + " does not hold an unencrypted PEM private key");
        }
    }
}
