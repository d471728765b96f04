package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.DevPki;
import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.pki.PemCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DevPkiRegistrationTest {

    @Test
    void theDevCertificateAndIssuedOnesAreRegisteredActiveWithTheAllowAllPolicyOthersAreNot(@TempDir Path dir)
            throws Exception {
        DevPki pki = new DevPki(dir);
        pki.ensure(List.of());
        pki.issueDevice("sensor-1", dir.resolve("sensor-1-cert.pem"), dir.resolve("sensor-1-private-key.pem"));
        Files.writeString(dir.resolve("foreign-cert.pem"), PemCodec.certificate(
                LocalCertificateAuthority.createInMemory("foreign").issueWithNewKeys("CN=x").certificate()));
        Files.writeString(dir.resolve("notes.pem"), "not a certificate");
        LocalCertificateAuthority ca = LocalCertificateAuthority.load(dir);
        SecurityRegistry registry = new SecurityRegistry(RegistryFixture.ARNS, Clock.systemUTC(), ca,
                ThingDirectory.NONE);

        List<DeviceCertificate> registered = DevPkiRegistration.register(registry, dir, ca.certificate());

        String devId = CertificateIds.of(PemCodec.parseCertificate(
                Files.readString(dir.resolve(DevPki.CLIENT_CERT))).orElseThrow());
        String sensorId = CertificateIds.of(PemCodec.parseCertificate(
                Files.readString(dir.resolve("sensor-1-cert.pem"))).orElseThrow());
        assertThat(registered).extracting(DeviceCertificate::id).containsExactlyInAnyOrder(devId, sensorId);
        assertThat(registered).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CertificateStatus.ACTIVE);
            assertThat(registry.snapshot().policiesOf(c.arn())).containsExactly(DevPkiRegistration.DEV_POLICY);
        });
        assertThat(registry.policies().get(DevPkiRegistration.DEV_POLICY).defaultVersion().document())
                .isEqualTo(DevPkiRegistration.DEV_POLICY_DOCUMENT);

        assertThat(DevPkiRegistration.register(registry, dir, ca.certificate())).hasSize(2);
        assertThat(registry.snapshot().certificates()).hasSize(2);
    }
}
