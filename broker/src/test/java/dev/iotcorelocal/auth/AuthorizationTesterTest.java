package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.Outcome;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryError;
import dev.iotcorelocal.registry.RegistryRefusal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.iotcorelocal.auth.AuthFixture.PREFIX;
import static dev.iotcorelocal.auth.AuthFixture.allow;
import static dev.iotcorelocal.auth.AuthFixture.attempt;
import static dev.iotcorelocal.auth.AuthFixture.deny;
import static dev.iotcorelocal.auth.AuthFixture.document;
import static dev.iotcorelocal.auth.PolicyAuthorizerTest.THING_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TestAuthorization over the real registries and engine: AWS's verdicts and lists, and the MQTT path's answers. */
class AuthorizationTesterTest {
    private final AuthFixture fixture = new AuthFixture();
    private final AuthorizationTester tester = fixture.authorizer.authorizationTester();

    private AuthFixture.Device sensor(String thing) {
        AuthFixture.Device device = fixture.device("thing-policy", THING_POLICY);
        fixture.things.createThing(thing, null, Map.of());
        fixture.security.attachments().attachThingPrincipal(thing, device.arn(), null);
        return device;
    }

    private AuthorizationTester.Result one(String principal, String clientId, String action, String resource) {
        return tester.test(principal, clientId, List.of(), List.of(),
                List.of(new AuthorizationTester.Request(action, List.of(resource)))).get(0);
    }

    private static List<String> names(List<Policy> policies) {
        return policies.stream().map(Policy::name).toList();
    }

    @Test
    void aThingVariableResolvesThroughTheClientIdAndIsMissingWithoutIt() {
        AuthFixture.Device device = sensor("sensor-1");

        AuthorizationTester.Result withClient = one(device.arn(), "sensor-1", "iot:Publish",
                PREFIX + "topic/things/sensor-1/temperature");
        assertThat(withClient.decision()).isEqualTo(Outcome.ALLOWED);
        assertThat(names(withClient.allowed())).containsExactly("thing-policy");
        assertThat(withClient.implicitDeny()).isEmpty();
        assertThat(withClient.explicitDeny()).isEmpty();
        assertThat(withClient.missingContextValues()).isEmpty();

        AuthorizationTester.Result noClient = one(device.arn(), null, "iot:Publish",
                PREFIX + "topic/things/sensor-1/temperature");
        assertThat(noClient.decision()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(names(noClient.implicitDeny())).containsExactly("thing-policy");
        assertThat(noClient.allowed()).isEmpty();
        assertThat(noClient.missingContextValues()).containsExactly("iot:Connection.Thing.ThingName");
        assertThat(noClient.explanations()).singleElement().asString()
                .startsWith("Denied iot:Publish without a client ID on " + PREFIX
                        + "topic/things/sensor-1/temperature: no statement allowed it; closest: policy 'thing-policy'");
    }

    @Test
    void anExplicitDenyListsTheDenyingPolicyAndTheAllowingOneSeparately() {
        AuthFixture.Device device = fixture.device("allow-all", document(allow("iot:*", "*")));
        fixture.security.policies().create("no-admin", document(deny("iot:Publish", PREFIX + "topic/admin/*")),
                Map.of());
        fixture.security.attachments().attachPolicy("no-admin", device.arn());
        fixture.security.policies().create("unrelated", document(allow("iot:Subscribe", PREFIX + "topicfilter/x")),
                Map.of());
        fixture.security.attachments().attachPolicy("unrelated", device.arn());

        AuthorizationTester.Result result = one(device.id(), "c", "iot:Publish", PREFIX + "topic/admin/reboot");

        assertThat(result.decision()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(names(result.explicitDeny())).containsExactly("no-admin");
        assertThat(names(result.allowed())).containsExactly("allow-all");
        assertThat(names(result.implicitDeny())).containsExactly("unrelated");
        assertThat(result.allowed().get(0).arn()).isEqualTo(PREFIX + "policy/allow-all");
        assertThat(result.explanations()).singleElement().asString()
                .isEqualTo("Denied iot:Publish for client 'c' on " + PREFIX + "topic/admin/reboot: denied by policy "
                        + "'no-admin' version 1 statement 0: Deny iot:Publish on " + PREFIX + "topic/admin/reboot");
        assertThat(fixture.denials).singleElement().asString()
                .isEqualTo("TestAuthorization of certificate " + device.id() + ": " + result.explanations().get(0));
    }

    @Test
    void overSeveralResourcesTheWorstVerdictDecidesAndAPolicyAllowsOnlyWhenItAllowsThemAll() {
        AuthFixture.Device device = sensor("sensor-1");

        AuthorizationTester.Result result = tester.test(device.arn(), "sensor-1", List.of(), List.of(), List.of(
                new AuthorizationTester.Request("iot:Subscribe", List.of(PREFIX + "topicfilter/things/sensor-1/a",
                        PREFIX + "topicfilter/things/sensor-2/a")))).get(0);

        assertThat(result.decision()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(names(result.implicitDeny())).containsExactly("thing-policy");
        assertThat(result.explanations()).hasSize(2);
        assertThat(result.explanations().get(0)).startsWith("Allowed iot:Subscribe for client 'sensor-1' on ");
        assertThat(result.explanations().get(1)).startsWith("Denied iot:Subscribe for client 'sensor-1' on ");
    }

    @Test
    void policyNamesToAddAndToSkipChangeTheEffectiveSetForThisTestOnly() {
        AuthFixture.Device device = fixture.device("allow-all", document(allow("iot:*", "*")));
        fixture.security.policies().create("lockdown", document(deny("iot:*", "*")), Map.of());
        String client = PREFIX + "client/c";

        AuthorizationTester.Result added = tester.test(device.arn(), "c", List.of("lockdown"), List.of(),
                List.of(new AuthorizationTester.Request("iot:Connect", List.of(client)))).get(0);
        assertThat(added.decision()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(names(added.explicitDeny())).containsExactly("lockdown");

        AuthorizationTester.Result skipped = tester.test(device.arn(), "c", List.of(), List.of("allow-all"),
                List.of(new AuthorizationTester.Request("iot:Connect", List.of(client)))).get(0);
        assertThat(skipped.decision()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(skipped.allowed()).isEmpty();
        assertThat(skipped.implicitDeny()).isEmpty();
        assertThat(skipped.explanations()).singleElement().asString()
                .endsWith("no statement allowed it; no policy applies to this principal");

        assertThat(fixture.authorizer.connect(attempt(device.identity(), "c", new AtomicInteger())).verdict())
                .as("the attached policies are unchanged").isEqualTo(ConnectDecision.Verdict.ALLOWED);
    }

    @Test
    void itAnswersWhatTheMqttGrantOfTheSameCertificateAndClientIdAnswers() {
        AuthFixture.Device device = sensor("sensor-1");
        fixture.things.createGroup("fleet", null, null, Map.of());
        fixture.things.addThingToGroup("fleet", "sensor-1");
        fixture.security.policies().create("fleet-policy", document(allow("iot:Publish", PREFIX + "topic/fleet/*"),
                deny("iot:Publish", PREFIX + "topic/things/sensor-1/secret")), Map.of());
        fixture.security.attachments().attachPolicy("fleet-policy", PREFIX + "thinggroup/fleet");
        ClientGrant grant = fixture.authorizer.connect(attempt(device.identity(), "sensor-1", new AtomicInteger()))
                .grant();

        for (String topic : List.of("things/sensor-1/t", "things/sensor-1/secret", "things/sensor-2/t", "fleet/x",
                "other")) {
            AuthorizationTester.Result result = one(device.arn(), "sensor-1", "iot:Publish", PREFIX + "topic/" + topic);
            assertThat(result.decision() == Outcome.ALLOWED).as(topic).isEqualTo(grant.canPublish(topic, false));
        }
        assertThat(one(device.arn(), "sensor-1", "iot:Publish", PREFIX + "topic/things/sensor-1/secret")
                .explicitDeny()).extracting(Policy::name).containsExactly("fleet-policy");
    }

    @Test
    void anUnknownCertificateOrPolicyIsResourceNotFoundAndAnotherPrincipalIsInvalid() {
        AuthFixture.Device device = fixture.device("allow-all", document(allow("iot:*", "*")));
        List<AuthorizationTester.Request> connect = List.of(new AuthorizationTester.Request("iot:Connect",
                List.of(PREFIX + "client/c")));

        assertThatThrownBy(() -> tester.test(PREFIX + "cert/" + "ab".repeat(32), "c", List.of(), List.of(), connect))
                .isInstanceOfSatisfying(RegistryRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(RegistryError.RESOURCE_NOT_FOUND));
        assertThatThrownBy(() -> tester.test(device.arn(), "c", List.of("missing"), List.of(), connect))
                .isInstanceOfSatisfying(RegistryRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(RegistryError.RESOURCE_NOT_FOUND))
                .hasMessage("Policy missing does not exist");
        assertThatThrownBy(() -> tester.test(PREFIX + "thinggroup/fleet", "c", List.of(), List.of(), connect))
                .isInstanceOfSatisfying(RegistryRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(RegistryError.INVALID_REQUEST));
        assertThatThrownBy(() -> tester.test(null, "c", List.of(), List.of(), connect))
                .isInstanceOfSatisfying(RegistryRefusal.class,
                        e -> assertThat(e.error()).isEqualTo(RegistryError.INVALID_REQUEST));
    }

    @Test
    void aCertificateThatIsNotActiveIsStillEvaluatedAndTheExplanationSaysItCannotConnect() {
        AuthFixture.Device device = fixture.device("allow-all", document(allow("iot:*", "*")));
        fixture.security.certificates().update(device.id(), "INACTIVE");

        AuthorizationTester.Result result = one(device.arn(), "c", "iot:Connect", PREFIX + "client/c");

        assertThat(result.decision()).isEqualTo(Outcome.ALLOWED);
        assertThat(result.explanations()).singleElement().asString().endsWith("(note: certificate " + device.id()
                + " is INACTIVE, so it cannot connect until it is ACTIVE)");
    }
}
