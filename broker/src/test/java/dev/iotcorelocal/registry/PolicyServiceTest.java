package dev.iotcorelocal.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.iotcorelocal.registry.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyServiceTest {
    static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
    static final String PUBLISH_ONLY = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":[\"iot:Publish\",\"iot:Connect\"],\"Resource\":\"arn:aws:iot:us-east-1:123456789012:topic/a\"}}";

    private final RegistryFixture fixture = new RegistryFixture();
    private final PolicyService policies = fixture.registry.policies();

    @Test
    void createMakesVersionOneTheDefault() {
        Policy created = policies.create("dev", ALLOW_ALL, Map.of());

        assertThat(created.arn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:policy/dev");
        assertThat(created.defaultVersionId()).isEqualTo("1");
        assertThat(policies.get("dev").defaultVersion().document()).isEqualTo(ALLOW_ALL);
        RegistryRefusal refusal = refused(RegistryError.RESOURCE_ALREADY_EXISTS,
                () -> policies.create("dev", ALLOW_ALL, Map.of()));
        assertThat(refusal.resourceArn()).isEqualTo(created.arn());
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.get("nope"));
        refused(RegistryError.INVALID_REQUEST, () -> policies.create("bad name", ALLOW_ALL, Map.of()));
        refused(RegistryError.INVALID_REQUEST, () -> policies.create("x".repeat(129), ALLOW_ALL, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "[]",
            "{\"Version\":\"2012-10-17\"}",
            "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":[]}",
            "{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"NotAction\":\"iot:Publish\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"topic/a\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"publish\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":[1]}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"iot:*\",\"Resource\":\"*\"}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\",\"Condition\":[]}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\",\"Extra\":1}}",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}} trailing",
    })
    void malformedDocumentsAreRefused(String document) {
        refused(RegistryError.MALFORMED_POLICY, () -> policies.create("p", document, Map.of()));
    }

    @Test
    void documentsMayHaveConditionsAndAreMeasuredWithoutWhitespace() {
        String conditioned = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"s\",\"Effect\":\"Deny\","
                + "\"NotAction\":\"iot:Connect\",\"NotResource\":[\"arn:aws:iot:*:*:client/${iot:ClientId}\"],"
                + "\"Condition\":{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"},"
                + "\"ForAnyValue:StringEquals\":{\"iot:ConnectAttributes\":[\"LastWill\"]}}}]}";
        policies.create("conditioned", conditioned, Map.of());

        String padded = ALLOW_ALL.replace(",", "," + " ".repeat(3000));
        policies.create("padded", padded, Map.of());
        String tooLong = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":[\""
                + "arn:aws:iot:us-east-1:123456789012:topic/" + "t".repeat(2048) + "\"]}}";
        refused(RegistryError.MALFORMED_POLICY, () -> policies.create("long", tooLong, Map.of()));
    }

    @Test
    void atMostFiveVersionsAndIdsAreNeverReused() {
        policies.create("p", ALLOW_ALL, Map.of());
        for (int i = 2; i <= 5; i++) {
            assertThat(policies.createVersion("p", PUBLISH_ONLY, false).id()).isEqualTo(Integer.toString(i));
        }
        refused(RegistryError.VERSIONS_LIMIT_EXCEEDED, () -> policies.createVersion("p", PUBLISH_ONLY, false));

        policies.deleteVersion("p", "3");
        Policy.Version sixth = policies.createVersion("p", PUBLISH_ONLY, true);

        assertThat(sixth.id()).isEqualTo("6");
        Policy policy = policies.get("p");
        assertThat(policy.defaultVersionId()).isEqualTo("6");
        assertThat(policy.defaultVersion().document()).isEqualTo(PUBLISH_ONLY);
        assertThat(policies.listVersions("p")).extracting(Policy.Version::id).containsExactly("6", "5", "4", "2", "1");
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.getVersion("p", "3"));
        refused(RegistryError.INVALID_REQUEST, () -> policies.getVersion("p", "v1"));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.createVersion("nope", ALLOW_ALL, true));
        refused(RegistryError.MALFORMED_POLICY, () -> policies.createVersion("p", "{}", true));
    }

    @Test
    void theDefaultVersionCannotBeDeletedAndSetDefaultMovesIt() {
        policies.create("p", ALLOW_ALL, Map.of());
        policies.createVersion("p", PUBLISH_ONLY, false);

        refused(RegistryError.DELETE_CONFLICT, () -> policies.deleteVersion("p", "1"));
        policies.setDefaultVersion("p", "2");
        policies.deleteVersion("p", "1");

        assertThat(policies.getVersion("p", "2").document()).isEqualTo(PUBLISH_ONLY);
        assertThat(policies.get("p").versions()).hasSize(1);
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.setDefaultVersion("p", "1"));
    }

    @Test
    void deleteIsRefusedWhileAttachedOrWithOtherVersions() {
        DeviceCertificate cert = fixture.registry.certificates().createKeysAndCertificate(true).certificate();
        policies.create("p", ALLOW_ALL, Map.of("team", "a"));
        fixture.registry.attachments().attachPolicy("p", cert.arn());
        policies.createVersion("p", PUBLISH_ONLY, false);

        refused(RegistryError.DELETE_CONFLICT, () -> policies.delete("p"));
        fixture.registry.attachments().detachPolicy("p", cert.arn(), false);
        refused(RegistryError.DELETE_CONFLICT, () -> policies.delete("p"));
        policies.deleteVersion("p", "2");
        policies.delete("p");

        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.get("p"));
        refused(RegistryError.RESOURCE_NOT_FOUND, () -> policies.delete("p"));
        assertThat(fixture.registry.snapshot().tags()).isEmpty();
    }

    @Test
    void listIsByNameAndPaged() {
        policies.create("b", ALLOW_ALL, Map.of());
        policies.create("a", ALLOW_ALL, Map.of());
        policies.create("c", ALLOW_ALL, Map.of());

        Page<Policy> first = policies.list(null, 2, true);
        assertThat(first.items()).extracting(Policy::name).containsExactly("a", "b");
        assertThat(policies.list(first.next(), 2, true).items()).extracting(Policy::name).containsExactly("c");
        assertThat(policies.list(null, null, false).items()).extracting(Policy::name).containsExactly("c", "b", "a");
    }
}
