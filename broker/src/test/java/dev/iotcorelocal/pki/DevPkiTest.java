package dev.iotcorelocal.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevPkiTest {

    @Test
    void generatesTheAwsSampleLayoutWithLocalhostNamesAndNeverOverwrites(@TempDir Path dir) throws Exception {
        DevPki pki = new DevPki(dir);
        assertThat(pki.ensure(List.of("broker.test"))).contains(DevPki.CA_CERT, DevPki.CLIENT_CERT, DevPki.CLIENT_KEY,
                DevPki.SERVER_CERT);
        X509Certificate ca = PemFiles.readCertificate(dir.resolve(DevPki.CA_CERT));
        X509Certificate server = PemFiles.readCertificate(dir.resolve(DevPki.SERVER_CERT));
        X509Certificate client = PemFiles.readCertificate(dir.resolve(DevPki.CLIENT_CERT));
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(server.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains("localhost", "127.0.0.1", "broker.test")
                .anySatisfy(n -> assertThat(n).matches("0:0:0:0:0:0:0:1|::1"));
        assertThat(client.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(Files.readString(dir.resolve(DevPki.CLIENT_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(DevPki.CLIENT_KEY))))
                .isEqualTo("rw-------");

        String before = Files.readString(dir.resolve(DevPki.CLIENT_CERT));
        assertThat(pki.ensure(List.of())).isEmpty();
        assertThat(Files.readString(dir.resolve(DevPki.CLIENT_CERT))).isEqualTo(before);
    }

    @Test
    void issuesFurtherDeviceCertificatesFromTheSameCa(@TempDir Path dir) throws Exception {
        DevPki pki = new DevPki(dir);
        pki.ensure(List.of());
        pki.issueDevice("thing-2", dir.resolve("thing-2-cert.pem"), dir.resolve("thing-2-key.pem"));
        X509Certificate cert = PemFiles.readCertificate(dir.resolve("thing-2-cert.pem"));
        cert.verify(PemFiles.readCertificate(dir.resolve(DevPki.CA_CERT)).getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=thing-2");
        assertThatThrownBy(() -> pki.issueDevice("thing-2", dir.resolve("thing-2-cert.pem"), dir.resolve("k.pem")))
                .hasMessageContaining("refusing to overwrite");
    }

    @Test
    void halfAPairIsReportedNotReplaced(@TempDir Path dir) throws Exception {
        new DevPki(dir).ensure(List.of());
        Files.delete(dir.resolve(DevPki.CLIENT_KEY));
        assertThatThrownBy(() -> new DevPki(dir).ensure(List.of())).hasMessageContaining("only one of");
    }
}
