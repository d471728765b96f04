package dev.iotcorelocal.transport;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
 * TLS context per listener). This is only a faster path for the files the dev PKI writes (a
 * PKCS#8 "BEGIN PRIVATE KEY" of a usual type, a file of certificates): for anything else (an
 * OpenSSL "BEGIN RSA/EC PRIVATE KEY", an "EC PARAMETERS" block first, a key and certificates in
 * one file, a key the JDK refuses) it returns null and Netty reads the files as it always did,
 * errors included.
 */
record ServerKeys(PrivateKey key, X509Certificate[] chain) {
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    /** The files' key and chain, or null to leave them to Netty. */
    static ServerKeys read(Path certificateFile, Path keyFile) {
        try {
            PrivateKeyInfo info = onlyObjectIfKey(keyFile);
            String algorithm = info == null ? null
                    : ALGORITHMS.get(info.getPrivateKeyAlgorithm().getAlgorithm().getId());
            if (algorithm == null) {
                return null;
            }
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            try (InputStream in = Files.newInputStream(certificateFile)) {
                X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
                return chain.length == 0 ? null : new ServerKeys(key, chain);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException notTheDevPkisShape) {
            return null;
        }
    }

    /** The file's PKCS#8 key when that is all it holds, else null. */
    private static PrivateKeyInfo onlyObjectIfKey(Path keyFile) throws IOException {
        // ISO-8859-1 decodes any byte: a stray one in a comment is Netty's to judge, not a decoding error here
        try (Reader reader = Files.newBufferedReader(keyFile, StandardCharsets.ISO_8859_1);
             PEMParser parser = new PEMParser(reader)) {
            Object first = parser.readObject();
            return first instanceof PrivateKeyInfo info && parser.readObject() == null ? info : null;
        }
    }
}
