package dev.iotcorelocal.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.iotcorelocal.registry.PolicyServiceTest.ALLOW_ALL;
import static dev.iotcorelocal.registry.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class AttachmentServiceTest {
    private final RegistryFixture fixture = new RegistryFixture();
    private final AttachmentService attachments = fixture.registry.attachments();
    private DeviceCertificate cert;

    @BeforeEach
    void world() {
        cert = fixture.registry.certificates().createKeysAndCertificate(true).certificate();
        for (String name : List.of("p1", "p2", "p3")) {
            fixture.registry.policies().create(name, ALLOW_ALL, Map.of());
        }
        fixture.things.things.addAll(List.of("thing-1", "thing-2"));
        fixture.things.groupParent.put("building", "");
        fixture.things.groupParent.put("floor", "building");
        fixture.things.thingGroups.put("thing-1", List.of("floor"));
    }

    @Test
    void policiesAttachToCertificatesOnceAndListBothWays() {
        attachments.attachPolicy("p2", cert.arn());
        attachments.attachPolicy("p1", cert.arn());
        attachments.attachPolicy("p2", cert.arn());

        assertThat(attachments.listAttachedPolicies(cert.arn(), false, null, null).items())
                .extracting(Policy::name).containsExactly("p2", "p1");
        assertThat(attachments.listTargetsForPolicy("p1", null, null).items()).containsExactly(cert.arn());

        attachments.detachPolicy("p2", cert.arn(), false);
        attachments.detachPolicy("p3", cert.arn(), false); // never attached: AWS answers success
        assertThat(fixture.registry.snapshot().policiesOf(cert.arn())).containsExactly("p1");
    }

    @Test
    void attachRefusesUnknownPoliciesTargetsAndOtherArns() {
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.attachPolicy("nope", cert.arn()));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.attachPolicy("p1",
                RegistryFixture.ARNS.certificate("0".repeat(64))));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.attachPolicy("p1",
                RegistryFixture.ARNS.thingGroup("nope")));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachPolicy("p1",
                RegistryFixture.ARNS.thing("thing-1")));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachPolicy("p1",
                "arn:aws:iot:eu-west-1:123456789012:cert/" + cert.id()));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachPolicy("p1", null));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.detachPolicy("nope", cert.arn(), true));
    }

    @Test
    void aCertificateTakesTenPoliciesAndAThingGroupTwo() {
        for (int i = 0; i < 10; i++) {
            fixture.registry.policies().create("q" + i, ALLOW_ALL, Map.of());
            attachments.attachPolicy("q" + i, cert.arn());
        }
        refused(RegistryError.LIMIT_EXCEEDED, () -> attachments.attachPolicy("p1", cert.arn()));

        String floor = RegistryFixture.ARNS.thingGroup("floor");
        attachments.attachPolicy("p1", floor);
        attachments.attachPolicy("p2", floor);
        refused(RegistryError.LIMIT_EXCEEDED, () -> attachments.attachPolicy("p3", floor));
    }

    @Test
    void effectivePoliciesJoinTheCertificatesAndEveryAncestorGroupsOnce() {
        attachments.attachPolicy("p1", cert.arn());
        attachments.attachPolicy("p2", RegistryFixture.ARNS.thingGroup("building"));
        attachments.attachPolicy("p1", RegistryFixture.ARNS.thingGroup("floor"));
        attachments.attachPolicy("p3", RegistryFixture.ARNS.thingGroup("floor"));

        assertThat(attachments.effectivePolicies(cert.arn(), "thing-1")).extracting(Policy::name)
                .containsExactly("p1", "p3", "p2");
        assertThat(attachments.effectivePolicies(cert.arn(), null)).extracting(Policy::name).containsExactly("p1");
        assertThat(attachments.effectivePolicies(null, "thing-2")).isEmpty();
        assertThat(attachments.listAttachedPolicies(RegistryFixture.ARNS.thingGroup("floor"), true, null, null)
                .items()).extracting(Policy::name).containsExactly("p1", "p3", "p2");
        assertThat(attachments.listAttachedPolicies(RegistryFixture.ARNS.thingGroup("floor"), false, null, null)
                .items()).extracting(Policy::name).containsExactly("p1", "p3");
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.effectivePolicies(cert.arn(), "ghost"));
    }

    @Test
    void thingPrincipalsListBothWaysAndAnExclusiveThingIsThePrincipalsOnlyOne() {
        attachments.attachThingPrincipal("thing-1", cert.arn(), null);
        attachments.attachThingPrincipal("thing-2", cert.arn(), "NON_EXCLUSIVE_THING");

        assertThat(attachments.listThingPrincipals("thing-1", null, null).items()).containsExactly(cert.arn());
        assertThat(attachments.listPrincipalThings(cert.arn(), null, null).items())
                .containsExactly("thing-1", "thing-2");
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachThingPrincipal("thing-1", cert.arn(),
                "EXCLUSIVE_THING"));

        attachments.detachThingPrincipal("thing-2", cert.arn());
        attachments.attachThingPrincipal("thing-1", cert.arn(), "EXCLUSIVE_THING");
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachThingPrincipal("thing-2", cert.arn(), null));
        assertThat(fixture.registry.snapshot().principalsOf("thing-1"))
                .containsEntry(cert.arn(), ThingPrincipalType.EXCLUSIVE_THING);
    }

    @Test
    void thingPrincipalsRefuseUnknownThingsPrincipalsAndTypes() {
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.attachThingPrincipal("ghost", cert.arn(), null));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachThingPrincipal("bad name", cert.arn(), null));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.attachThingPrincipal("thing-1",
                RegistryFixture.ARNS.certificate("a".repeat(64)), null));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachThingPrincipal("thing-1", "cognito-id", null));
        refused(RegistryError.INVALID_REQUEST, () -> attachments.attachThingPrincipal("thing-1", cert.arn(), "ONLY"));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.listThingPrincipals("ghost", null, null));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> attachments.listPrincipalThings(
                RegistryFixture.ARNS.certificate("b".repeat(64)), null, null));
    }
}
