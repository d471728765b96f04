package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.pki.PemCodec;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.iotcorelocal.registry.PolicyServiceTest.ALLOW_ALL;
import static dev.iotcorelocal.registry.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class TagAndCaCertificateTest {
    private final RegistryFixture fixture = new RegistryFixture();
    private final TagService tags = fixture.registry.tags();
    private final CaCertificateService cas = fixture.registry.caCertificates();

    @Test
    void tagsAreSetMergedRemovedAndListedForExistingResources() {
        String arn = fixture.registry.policies().create("p", ALLOW_ALL, Map.of("team", "a")).arn();
        tags.tag(arn, Map.of("env", "ci", "team", "b"));
        assertThat(tags.list(arn)).containsOnly(Map.entry("team", "b"), Map.entry("env", "ci"));

        tags.untag(arn, List.of("team", "absent"));
        assertThat(tags.list(arn)).containsOnly(Map.entry("env", "ci"));

        fixture.things.types.add("sensor");
        tags.tag(RegistryFixture.ARNS.thingType("sensor"), Map.of("k", ""));
        assertThat(tags.list(RegistryFixture.ARNS.thingType("sensor"))).containsEntry("k", "");
    }

    @Test
    void tagsRefuseReservedKeysTooManyAndUnknownResources() {
        String arn = fixture.registry.policies().create("p", ALLOW_ALL, Map.of()).arn();
        refused(RegistryError.INVALID_REQUEST, () -> tags.tag(arn, Map.of("aws:owner", "x")));
        refused(RegistryError.INVALID_REQUEST, () -> tags.tag(arn, Map.of("", "x")));
        refused(RegistryError.INVALID_REQUEST, () -> tags.tag(arn, Map.of("k", "v".repeat(257))));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            many.put("k" + i, "v");
        }
        tags.tag(arn, many);
        refused(RegistryError.LIMIT_EXCEEDED, () -> tags.tag(arn, Map.of("one-more", "v")));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> tags.tag(RegistryFixture.ARNS.policy("nope"), Map.of("k", "v")));
        refused(RegistryError.INVALID_REQUEST, () -> tags.list("arn:aws:iot:us-east-1:999999999999:policy/p"));
        refused(RegistryError.INVALID_REQUEST, () -> tags.list("not an arn"));
    }

    @Test
    void caCertificatesRegisterOnceAndMustBeInactiveToBeDeleted() throws Exception {
        LocalCertificateAuthority other = LocalCertificateAuthority.createInMemory("other CA");
        String pem = PemCodec.certificate(other.certificate());
        String verification = PemCodec.certificate(other.issueWithNewKeys("CN=registration-code").certificate());

        CaCertificate ca = cas.register(pem, verification, true, false, Map.of("team", "a"));

        assertThat(ca.arn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:cacert/" + ca.id());
        assertThat(cas.describe(ca.id()).active()).isTrue();
        assertThat(tags.list(ca.arn())).containsEntry("team", "a");
        refused(RegistryError.RESOURCE_ALREADY_EXISTS, () -> cas.register(pem, null, true, false, Map.of()));
        assertThat(cas.list(null, null, false).items()).containsExactly(cas.describe(ca.id()));

        refused(RegistryError.CERTIFICATE_STATE, () -> cas.delete(ca.id()));
        refused(RegistryError.INVALID_REQUEST, () -> cas.update(ca.id(), "REVOKED", null));
        cas.update(ca.id(), "INACTIVE", "ENABLE");
        assertThat(cas.describe(ca.id()).autoRegistration()).isTrue();
        cas.delete(ca.id());
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> cas.describe(ca.id()));
        assertThat(fixture.registry.snapshot().tags()).isEmpty();
    }

    @Test
    void caRegistrationRefusesLeafCertificatesAndForeignVerificationCertificates() throws Exception {
        LocalCertificateAuthority other = LocalCertificateAuthority.createInMemory("other CA");
        String leaf = PemCodec.certificate(other.issueWithNewKeys("CN=leaf").certificate());
        String foreignVerification = PemCodec.certificate(fixture.ca.issueWithNewKeys("CN=code").certificate());

        refused(RegistryError.CERTIFICATE_VALIDATION, () -> cas.register(leaf, null, true, false, Map.of()));
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> cas.register(PemCodec.certificate(other.certificate()),
                foreignVerification, true, false, Map.of()));
        refused(RegistryError.CERTIFICATE_VALIDATION, () -> cas.register("junk", null, true, false, Map.of()));
    }
}
