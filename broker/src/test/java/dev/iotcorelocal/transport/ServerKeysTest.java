package dev.iotcorelocal.transport;

import dev.iotcorelocal.pki.DevPki;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's key and chain read with the JDK's key factories, as the TLS contexts use them. */
class ServerKeysTest {
    @TempDir
    Path dir;

    @Test
    void theDevPkisServerKeyAndCertificateAreReadAsWritten() throws Exception {
        new DevPki(dir).ensure(List.of());
        ServerKeys keys = ServerKeys.read(dir.resolve(DevPki.SERVER_CERT), dir.resolve(DevPki.SERVER_KEY));

        assertThat(keys.key().getAlgorithm()).isEqualTo("RSA");
        String pem = Files.readString(dir.resolve(DevPki.SERVER_KEY));
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(keys.key().getEncoded()).isEqualTo(pkcs8);
        X509Certificate written;
        try (var in = Files.newInputStream(dir.resolve(DevPki.SERVER_CERT))) {
            written = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(keys.chain()).containsExactly(written);
        assertThat(keys.chain()[0].getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void aPkcs8EcKeyIsReadAndATraditionalOpenSslOneIsLeftToNetty() throws Exception {
        new DevPki(dir).ensure(List.of());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path pkcs8 = dir.resolve("ec-pkcs8.pem");
        Files.writeString(pkcs8, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null)
                .generate()));
        Path traditional = dir.resolve("ec-openssl.pem");
        Files.writeString(traditional, pem(pair)); // "BEGIN EC PRIVATE KEY", as openssl ecparam -genkey writes it

        ServerKeys keys = ServerKeys.read(dir.resolve(DevPki.SERVER_CERT), pkcs8);
        assertThat(keys.key().getAlgorithm()).isEqualTo("EC");
        assertThat(keys.key().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        assertThat(ServerKeys.read(dir.resolve(DevPki.SERVER_CERT), traditional)).isNull();
    }

    @Test
    void aKeyTypeTheJdkPathDoesNotReadIsLeftToNetty() throws Exception {
        new DevPki(dir).ensure(List.of());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
        generator.initialize(2048);
        Path key = dir.resolve("dsa-key.pem");
        Files.writeString(key, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                generator.generateKeyPair().getPrivate(), null).generate()));

        assertThat(ServerKeys.read(dir.resolve(DevPki.SERVER_CERT), key)).isNull();
    }

    @Test
    void filesOfAnotherShapeAreLeftToNettyWhichReadsThemAsBefore() throws Exception {
        new DevPki(dir).ensure(List.of());
        Path cert = dir.resolve(DevPki.SERVER_CERT);
        Path key = dir.resolve(DevPki.SERVER_KEY);
        Path keyAfterParameters = Files.writeString(dir.resolve("ec-with-parameters.pem"),
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                        + Files.readString(key));
        Path keyAndCertificate = Files.writeString(dir.resolve("key-and-cert.pem"),
                Files.readString(key) + Files.readString(cert));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");

        assertThat(ServerKeys.read(cert, cert)).as("no key").isNull();
        assertThat(ServerKeys.read(cert, keyAfterParameters)).as("parameters first").isNull();
        assertThat(ServerKeys.read(cert, keyAndCertificate)).as("more than the key").isNull();
        assertThat(ServerKeys.read(keyAndCertificate, key)).as("a key among the certificates").isNull();
        assertThat(ServerKeys.read(empty, key)).as("no certificate").isNull();
        assertThat(ServerKeys.read(dir.resolve("missing.pem"), key)).isNull();
        // Netty still builds its context from the key-and-certificate file, as it did before this path existed
        assertThat(io.netty.handler.ssl.SslContextBuilder.forServer(keyAndCertificate.toFile(), key.toFile())
                .keyStoreType("JKS").build()).isNotNull();
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
