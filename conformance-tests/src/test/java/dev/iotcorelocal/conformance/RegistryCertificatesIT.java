package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.pki.PemCodec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CACertificateStatus;
import software.amazon.awssdk.services.iot.model.Certificate;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.EffectivePolicy;
import software.amazon.awssdk.services.iot.model.PolicyVersion;
import software.amazon.awssdk.services.iot.model.RegisterCaCertificateResponse;
import software.amazon.awssdk.services.iot.model.RegisterCertificateResponse;
import software.amazon.awssdk.services.iot.model.Tag;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate, CA, policy-version, tag and paging operations as the AWS SDK for Java v2 calls them. */
@IotCoreLocal
class RegistryCertificatesIT {
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
    private static IotCoreEndpoints broker;
    private static IotClient iot;

    @BeforeAll
    static void client(IotCoreEndpoints endpoints) {
        broker = endpoints;
        iot = AwsClients.iot(broker);
    }

    @AfterAll
    static void close() {
        iot.close();
    }

    @Test
    void aCsrIsSignedByTheLocalCaForTheCsrsOwnKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        StringWriter csr = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(csr)) {
            writer.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=csr-device"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }

        CreateCertificateFromCsrResponse created = iot.createCertificateFromCsr(b -> b
                .certificateSigningRequest(csr.toString()).setAsActive(true));

        var certificate = PemCodec.parseCertificate(created.certificatePem()).orElseThrow();
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(iot.describeCertificate(b -> b.certificateId(created.certificateId())).certificateDescription()
                .status()).isEqualTo(CertificateStatus.ACTIVE);
    }

    @Test
    void aDeviceCertificateOfARegisteredCaRegistersUnderIt() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createInMemory("fleet CA");
        RegisterCaCertificateResponse registeredCa = iot.registerCACertificate(b -> b
                .caCertificate(PemCodec.certificate(ca.certificate())).setAsActive(true)
                .tags(Tag.builder().key("fleet").value("north").build()));
        String device = PemCodec.certificate(ca.issueWithNewKeys("CN=fleet-device-1").certificate());

        RegisterCertificateResponse registered = iot.registerCertificate(b -> b.certificatePem(device)
                .status(CertificateStatus.ACTIVE));

        assertThat(iot.describeCertificate(b -> b.certificateId(registered.certificateId())).certificateDescription()
                .caCertificateId()).isEqualTo(registeredCa.certificateId());
        assertThat(iot.describeCACertificate(b -> b.certificateId(registeredCa.certificateId()))
                .certificateDescription().status()).isEqualTo(CACertificateStatus.ACTIVE);
        assertThat(iot.listCACertificates(b -> { }).certificates()).extracting(c -> c.certificateId())
                .containsExactly(registeredCa.certificateId());
        assertThat(iot.listTagsForResource(b -> b.resourceArn(registeredCa.certificateArn())).tags())
                .containsExactly(Tag.builder().key("fleet").value("north").build());
        assertThat(iot.listCertificatesByCA(b -> b.caCertificateId(registeredCa.certificateId())).certificates())
                .extracting(Certificate::certificateId).containsExactly(registered.certificateId());

        iot.updateCACertificate(b -> b.certificateId(registeredCa.certificateId())
                .newStatus(CACertificateStatus.INACTIVE));
        iot.deleteCACertificate(b -> b.certificateId(registeredCa.certificateId()));
        assertThat(iot.listCACertificates(b -> { }).certificates()).isEmpty();
    }

    @Test
    void theSdksPaginatorWalksEveryCertificateByMarker() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(iot.createKeysAndCertificate(b -> b.setAsActive(false)).certificateId());
        }

        List<String> listed = iot.listCertificatesPaginator(b -> b.pageSize(2)).certificates().stream()
                .map(Certificate::certificateId).toList();

        assertThat(listed).doesNotHaveDuplicates().containsAll(created);
        assertThat(iot.listCertificates(b -> b.pageSize(2)).nextMarker()).matches("[A-Za-z0-9+/]+={0,2}");
    }

    @Test
    void policyVersionsTagsAndEffectivePolicies() {
        String cert = iot.createKeysAndCertificate(b -> b.setAsActive(true)).certificateArn();
        iot.createPolicy(b -> b.policyName("versions").policyDocument(ALLOW_ALL));
        String publishOnly = ALLOW_ALL.replace("iot:*", "iot:Publish");
        iot.createPolicyVersion(b -> b.policyName("versions").policyDocument(publishOnly).setAsDefault(true));
        iot.attachPolicy(b -> b.policyName("versions").target(cert));
        iot.tagResource(b -> b.resourceArn("arn:aws:iot:us-east-1:123456789012:policy/versions")
                .tags(Tag.builder().key("team").value("a").build(), Tag.builder().key("env").value("ci").build()));
        iot.untagResource(b -> b.resourceArn("arn:aws:iot:us-east-1:123456789012:policy/versions").tagKeys("team"));

        assertThat(iot.listPolicyVersions(b -> b.policyName("versions")).policyVersions())
                .extracting(PolicyVersion::versionId, PolicyVersion::isDefaultVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", true),
                        org.assertj.core.groups.Tuple.tuple("1", false));
        assertThat(iot.getPolicyVersion(b -> b.policyName("versions").policyVersionId("1")).policyDocument())
                .isEqualTo(ALLOW_ALL);
        assertThat(iot.getEffectivePolicies(b -> b.principal(cert)).effectivePolicies())
                .extracting(EffectivePolicy::policyName, EffectivePolicy::policyDocument)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("versions", publishOnly));
        assertThat(iot.listTargetsForPolicy(b -> b.policyName("versions")).targets()).containsExactly(cert);
        assertThat(iot.listPrincipalPolicies(b -> b.principal(cert)).policies()).extracting(p -> p.policyName())
                .containsExactly("versions");
        assertThat(iot.listTagsForResource(b -> b.resourceArn("arn:aws:iot:us-east-1:123456789012:policy/versions"))
                .tags()).containsExactly(Tag.builder().key("env").value("ci").build());

        iot.detachPrincipalPolicy(b -> b.policyName("versions").principal(cert));
        assertThat(iot.listAttachedPolicies(b -> b.target(cert)).policies()).isEmpty();
        iot.attachPrincipalPolicy(b -> b.policyName("versions").principal(cert));
        assertThat(iot.listAttachedPolicies(b -> b.target(cert)).policies()).hasSize(1);
    }
}
