package dev.iotcorelocal.conformance;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** Loads the PEM files AWS samples use into JSSE key and trust managers, as a Java client would. */
final class Pem {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private Pem() {
    }

    static KeyManagerFactory keyManagers(Path certFile, Path keyFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", privateKey(keyFile), PASSWORD, new Certificate[]{certificate(certFile)});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD);
        return factory;
    }

    static TrustManagerFactory trustManagers(Path caFile) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", certificate(caFile));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    static SSLContext sslContext(Path caFile, Path certFile, Path keyFile, String protocol) throws Exception {
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(certFile == null ? null : keyManagers(certFile, keyFile).getKeyManagers(),
                trustManagers(caFile).getTrustManagers(), null);
        return context;
    }

    private static Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            Object key = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            // PKCS#8 as the dev PKI writes it, or PKCS#1 ("BEGIN RSA PRIVATE KEY") as AWS's CreateKeysAndCertificate returns it
            return key instanceof PEMKeyPair pair ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) key);
        }
    }
}
