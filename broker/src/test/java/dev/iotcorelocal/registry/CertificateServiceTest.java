package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.pki.PemCodec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;

import static dev.iotcorelocal.registry.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateServiceTest {
    private final RegistryFixture fixture = new RegistryFixture();
    private final CertificateService certificates = fixture.registry.certificates();

    @Test
    void createKeysAndCertificateIssuesAKeyPairAndACertificateOfTheLocalCaNamedBySha256OfItsDer() throws Exception {
        IssuedCertificate issued = certificates.createKeysAndCertificate(true);

        X509Certificate certificate = PemCodec.parseCertificate(issued.certificate().pem()).orElseThrow();
        String sha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertThat(issued.certificate().id()).isEqualTo(sha256).matches("[0-9a-f]{64}");
        assertThat(issued.certificate().arn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:cert/" + sha256);
        assertThat(issued.certificate().status()).isEqualTo(CertificateStatus.ACTIVE);
        certificate.verify(fixture.ca.certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=AWS IoT Certificate");

        assertThat(issued.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(issued.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        KeyPair keys = new JcaPEMKeyConverter().getKeyPair(
                (PEMKeyPair) new PEMParser(new StringReader(issued.privateKeyPem())).readObject());
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(new byte[]{1, 2, 3});
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[]{1, 2, 3});
        assertThat(verifier.verify(signer.sign())).as("the private key belongs to the certificate").isTrue();
        assertThat(certificates.describe(sha256.toUpperCase())).isEqualTo(issued.certificate());
    }

    @Test
    void certificatesAreInactiveUnlessSetAsActive() {
        assertThat(certificates.createKeysAndCertificate(false).certificate().status())
                .isEqualTo(CertificateStatus.INACTIVE);
    }

    @Test
    void createCertificateFromCsrSignsTheCsrsOwnKeyAndKeepsItsSubject() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        String csr = pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=sensor-7"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));

        DeviceCertificate created = certificates.createFromCsr(csr, true);

        X509Certificate certificate = PemCodec.parseCertificate(created.pem()).orElseThrow();
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=sensor-7");
        certificate.verify(fixture.ca.certificate().getPublicKey());
        assertThat(created.status()).isEqualTo(CertificateStatus.ACTIVE);
    }

    @Test
    void aCsrThatIsNotOneIsAnInvalidRequest() {
        refused(RegistryError.INVALID_REQUEST, () -> certificates.createFromCsr("not a csr", true));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.createFromCsr(
                PemCodec.certificate(fixture.ca.certificate()), true));
    }

    @Test
    void registeringTheSameCertificateTwiceNamesTheExistingOne() throws Exception {
        String pem = foreignCertificatePem();
        DeviceCertificate registered = certificates.registerWithoutCa(pem, "ACTIVE");

        RegistryRefusal refusal = refused(RegistryError.RESOURCE_ALREADY_EXISTS,
                () -> certificates.registerWithoutCa(pem, null));
        assertThat(refusal.resourceId()).isEqualTo(registered.id());
        assertThat(refusal.resourceArn()).isEqualTo(registered.arn());
    }

    @Test
    void registrationRefusesTextThatIsNotACertificateAndExpiredCertificates() throws Exception {
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> certificates.registerWithoutCa("-----BEGIN CERTIFICATE-----"
                + "\nAAAA\n-----END CERTIFICATE-----\n", null));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.registerWithoutCa(null, null));
        String pem = foreignCertificatePem();
        fixture.clock.advance(Duration.ofDays(900)); // leaf certificates are valid 825 days
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> certificates.registerWithoutCa(pem, null));
    }

    @Test
    void registerCertificateNeedsItsCaRegisteredUnlessTheLocalCaSignedIt() throws Exception {
        LocalCertificateAuthority other = LocalCertificateAuthority.createInMemory("other CA");
        String device = PemCodec.certificate(other.issueWithNewKeys("CN=d1").certificate());
        String otherCa = PemCodec.certificate(other.certificate());

        refused(RegistryError.CERTIFICATE_VALIDATION, () -> certificates.register(device, null, true, null));
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> certificates.register(device, otherCa, true, null));

        CaCertificate ca = fixture.registry.caCertificates().register(otherCa, null, true, false, java.util.Map.of());
        DeviceCertificate registered = certificates.register(device, null, null, "INACTIVE");
        assertThat(registered.caCertificateId()).isEqualTo(ca.id());
        assertThat(registered.status()).isEqualTo(CertificateStatus.INACTIVE);
        assertThat(certificates.listByCa(ca.id(), null, null, true).items()).containsExactly(registered);

        String local = PemCodec.certificate(fixture.ca.issueWithNewKeys("CN=d2").certificate());
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> certificates.register(local, otherCa, true, null));
        assertThat(certificates.register(local, null, true, null).caCertificateId()).isNull();
    }

    @Test
    void updateCertificateSetsActiveInactiveOrRevokedOnly() {
        DeviceCertificate created = certificates.createKeysAndCertificate(true).certificate();
        fixture.clock.advance(Duration.ofSeconds(5));

        certificates.update(created.id(), "REVOKED");
        DeviceCertificate revoked = certificates.describe(created.id());
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.customerVersion()).isEqualTo(2);
        assertThat(revoked.lastModifiedDate()).isAfter(created.lastModifiedDate());

        refused(RegistryError.INVALID_REQUEST, () -> certificates.update(created.id(), "PENDING_TRANSFER"));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.update(created.id(), "PENDING_ACTIVATION"));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.update(created.id(), "active"));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.update("abc", "ACTIVE"));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> certificates.update("0".repeat(64), "ACTIVE"));
    }

    @Test
    void deleteIsRefusedWhileActiveOrAttachedAndForceDeleteOnlyOverridesPolicies() {
        DeviceCertificate cert = certificates.createKeysAndCertificate(true).certificate();
        fixture.things.things.add("thing-1");
        fixture.registry.policies().create("p", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"*\"}}", java.util.Map.of());
        fixture.registry.attachments().attachPolicy("p", cert.arn());
        fixture.registry.attachments().attachThingPrincipal("thing-1", cert.arn(), null);

        refused(RegistryError.CERTIFICATE_STATE, () -> certificates.delete(cert.id(), true));
        certificates.update(cert.id(), "INACTIVE");
        refused(RegistryError.DELETE_CONFLICT, () -> certificates.delete(cert.id(), true));
        fixture.registry.attachments().detachThingPrincipal("thing-1", cert.arn());
        refused(RegistryError.DELETE_CONFLICT, () -> certificates.delete(cert.id(), false));

        certificates.delete(cert.id(), true);

        refused(RegistryError.RESOURCE_NOT_FOUND, () -> certificates.describe(cert.id()));
        assertThat(fixture.registry.attachments().listTargetsForPolicy("p", null, null).items()).isEmpty();
    }

    @Test
    void aDeletedThingsAttachmentIsNoConflict() {
        DeviceCertificate cert = certificates.createKeysAndCertificate(false).certificate();
        fixture.things.things.add("gone");
        fixture.registry.attachments().attachThingPrincipal("gone", cert.arn(), "EXCLUSIVE_THING");
        fixture.things.things.remove("gone"); // DeleteThing in the things registry

        assertThat(fixture.registry.attachments().listPrincipalThings(cert.arn(), null, null).items()).isEmpty();
        certificates.delete(cert.id(), false);
        assertThat(fixture.registry.snapshot().principalsOf("gone")).isEmpty();
    }

    @Test
    void listPagesNewestFirstByDefault() {
        DeviceCertificate first = certificates.createKeysAndCertificate(true).certificate();
        fixture.clock.advance(Duration.ofSeconds(1));
        DeviceCertificate second = certificates.createKeysAndCertificate(true).certificate();
        fixture.clock.advance(Duration.ofSeconds(1));
        DeviceCertificate third = certificates.createKeysAndCertificate(true).certificate();

        Page<DeviceCertificate> page = certificates.list(null, 2, false);
        assertThat(page.items()).containsExactly(third, second);
        assertThat(page.next()).matches("[A-Za-z0-9+/]+={0,2}");
        Page<DeviceCertificate> last = certificates.list(page.next(), 2, false);
        assertThat(last.items()).containsExactly(first);
        assertThat(last.next()).isNull();
        assertThat(certificates.list(null, null, true).items()).containsExactly(first, second, third);

        refused(RegistryError.INVALID_REQUEST, () -> certificates.list(null, 0, false));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.list(null, 251, false));
        refused(RegistryError.INVALID_REQUEST, () -> certificates.list("!!", 2, false));
    }

    @Test
    void aRefusedChangePublishesNothing() {
        certificates.createKeysAndCertificate(true);
        RegistryState before = fixture.registry.snapshot();
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> certificates.delete("f".repeat(64), false));
        assertThat(fixture.registry.snapshot()).isSameAs(before);
    }

    private static String foreignCertificatePem() throws Exception {
        return PemCodec.certificate(LocalCertificateAuthority.createInMemory("foreign")
                .issueWithNewKeys("CN=foreign-device").certificate());
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
