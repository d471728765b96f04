package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.PemCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrySeedTest {
    private final RegistryFixture fixture = new RegistryFixture();
    private final List<String> calls = new ArrayList<>();
    /** Creates into the fixture's directory, as the things registry would. */
    private final ThingProvisioning things = new ThingProvisioning() {
        @Override
        public void createThingType(String name) {
            calls.add("type " + name);
            fixture.things.types.add(name);
        }

        @Override
        public void createThingGroup(String name, String parent) {
            calls.add("group " + name + " < " + parent);
            fixture.things.groupParent.put(name, parent == null ? "" : parent);
        }

        @Override
        public void createThing(String name, String type, Map<String, String> attributes) {
            calls.add("thing " + name + " " + type + " " + attributes);
            fixture.things.things.add(name);
        }

        @Override
        public void addThingToGroup(String thingName, String groupName) {
            calls.add("member " + thingName + " " + groupName);
            fixture.things.thingGroups.put(thingName, List.of(groupName));
        }
    };

    @Test
    void aYamlSeedCreatesThingsPoliciesAndCertificatesWithTheirAttachments(@TempDir Path dir) throws Exception {
        String pem = PemCodec.certificate(fixture.ca.issueWithNewKeys("CN=sensor-1").certificate());
        Files.writeString(dir.resolve("sensor-1-cert.pem"), pem);
        Path seed = Files.writeString(dir.resolve("seed.yaml"), """
                thing-types:
                  - name: sensor
                thing-groups:
                  - name: building
                  - name: floor-1
                    parent: building
                    policies: [group-policy]
                things:
                  - name: sensor-1
                    type: sensor
                    attributes: {room: kitchen, floor: 1}
                    groups: [floor-1]
                policies:
                  - name: sensor-policy
                    document:
                      Version: "2012-10-17"
                      Statement:
                        - Effect: Allow
                          Action: ["iot:Connect", "iot:Publish"]
                          Resource: "*"
                  - name: group-policy
                    document: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iot:Subscribe","Resource":"*"}}'
                certificates:
                  - file: sensor-1-cert.pem
                    policies: [sensor-policy]
                    things: [sensor-1]
                    thing-principal-type: EXCLUSIVE_THING
                """);

        int applied = RegistrySeed.apply(seed, fixture.registry, things);

        assertThat(applied).isEqualTo(7);
        assertThat(calls).containsExactly("type sensor", "group building < null", "group floor-1 < building",
                "thing sensor-1 sensor {room=kitchen, floor=1}", "member sensor-1 floor-1");
        DeviceCertificate certificate = fixture.registry.snapshot().certificates().values().iterator().next();
        assertThat(certificate.status()).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(fixture.registry.snapshot().policiesOf(certificate.arn())).containsExactly("sensor-policy");
        assertThat(fixture.registry.attachments().effectivePolicies(certificate.arn(), "sensor-1"))
                .extracting(Policy::name).containsExactly("sensor-policy", "group-policy");
        assertThat(fixture.registry.snapshot().principalsOf("sensor-1"))
                .containsEntry(certificate.arn(), ThingPrincipalType.EXCLUSIVE_THING);
        assertThat(fixture.registry.policies().get("sensor-policy").defaultVersion().document()).isEqualTo(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iot:Connect\","
                        + "\"iot:Publish\"],\"Resource\":\"*\"}]}");
    }

    @Test
    void jsonSeedsWorkAndMayUsePoliciesThatExistAlready(@TempDir Path dir) throws Exception {
        fixture.registry.policies().create("existing", PolicyServiceTest.ALLOW_ALL, Map.of());
        Path seed = Files.writeString(dir.resolve("seed.json"),
                "{\"thing-groups\":[{\"name\":\"g\",\"policies\":[\"existing\"]}]}");

        RegistrySeed.apply(seed, fixture.registry, things);

        assertThat(fixture.registry.snapshot().policiesOf(RegistryFixture.ARNS.thingGroup("g")))
                .containsExactly("existing");
    }

    @Test
    void badEntriesNameTheFileTheEntryAndTheReason(@TempDir Path dir) throws Exception {
        assertRefused(dir, "policies:\n  - name: p\n    document: {Statement: []}\n",
                "policies[0] (p): MalformedPolicyException: Statement must be");
        assertRefused(dir, "policies:\n  - name: p\n", "policies[0] (p): 'document' is required");
        assertRefused(dir, "certificates:\n  - file: missing.pem\n",
                "certificates[0] (missing.pem): cannot read certificate file");
        assertRefused(dir, "certificates:\n  - file: seed.yaml\n", "does not hold a PEM certificate");
        assertRefused(dir, "things:\n  - name: t\n    colour: red\n", "things[0] (t): unknown key 'colour'");
        assertRefused(dir, "gadgets: []\n", "unknown key 'gadgets'");
        assertRefused(dir, "policies: {name: p}\n", "policies must be a list of entries");
        assertRefused(dir, "policies: [\n", "is not valid YAML or JSON");
        assertRefused(dir, "things:\n  - name: t\n    attributes: [a]\n", "'attributes' must be a mapping");
        String pem = PemCodec.certificate(fixture.ca.issueWithNewKeys("CN=x").certificate());
        Files.writeString(dir.resolve("x.pem"), pem);
        assertRefused(dir, "certificates:\n  - file: x.pem\n    policies: [nope]\n",
                "certificates[0] (x.pem): ResourceNotFoundException: Policy not found (name=nope)");
        assertRefused(dir, "certificates:\n  - file: x.pem\n    status: ENABLED\n", "status must be one of");
        assertThatThrownBy(() -> RegistrySeed.apply(dir.resolve("absent.yaml"), fixture.registry, things))
                .hasMessageContaining("registry seed file not found: " + dir.resolve("absent.yaml"));
        Path seed = Files.writeString(dir.resolve("things.yaml"), "things:\n  - name: t\n");
        assertThatThrownBy(() -> RegistrySeed.apply(seed, fixture.registry, null))
                .hasMessageContaining("things need the things registry");
    }

    private void assertRefused(Path dir, String yaml, String reason) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.yaml"), yaml);
        assertThatThrownBy(() -> RegistrySeed.apply(seed, fixture.registry, things))
                .isInstanceOf(RegistrySeed.SeedException.class)
                .hasMessageStartingWith("registry seed file " + seed)
                .hasMessageContaining(reason);
    }
}
