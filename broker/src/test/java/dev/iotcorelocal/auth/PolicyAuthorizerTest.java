package dev.iotcorelocal.auth;

import dev.iotcorelocal.registry.CertificateIds;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.iotcorelocal.auth.AuthFixture.PREFIX;
import static dev.iotcorelocal.auth.AuthFixture.allow;
import static dev.iotcorelocal.auth.AuthFixture.attempt;
import static dev.iotcorelocal.auth.AuthFixture.deny;
import static dev.iotcorelocal.auth.AuthFixture.document;
import static org.assertj.core.api.Assertions.assertThat;

/** PolicyAuthorizer over the real registries and engine: identity, checks, and changes applying at once. */
class PolicyAuthorizerTest {
    /** A realistic per-thing policy: its own client ID, topics under its thing name. */
    static final String THING_POLICY = document(
            allow("iot:Connect", PREFIX + "client/${iot:Connection.Thing.ThingName}"),
            allow("iot:Publish", PREFIX + "topic/things/${iot:Connection.Thing.ThingName}/*"),
            allow("iot:Subscribe", PREFIX + "topicfilter/things/${iot:Connection.Thing.ThingName}/*"),
            allow("iot:Receive", PREFIX + "topic/things/${iot:Connection.Thing.ThingName}/*"));

    private final AuthFixture fixture = new AuthFixture();
    private final AtomicInteger revocations = new AtomicInteger();

    private AuthFixture.Device sensor(String thing) {
        AuthFixture.Device device = fixture.device("thing-policy", THING_POLICY);
        fixture.things.createThing(thing, null, Map.of());
        fixture.security.attachments().attachThingPrincipal(thing, device.arn(), null);
        return device;
    }

    @Test
    void aDeviceIsAllowedInsideItsThingsPrefixAndRefusedOutsideIt() {
        AuthFixture.Device device = sensor("sensor-1");

        ConnectDecision decision = fixture.authorizer.connect(attempt(device.identity(), "sensor-1", revocations));
        assertThat(decision.verdict()).isEqualTo(ConnectDecision.Verdict.ALLOWED);
        ClientGrant grant = decision.grant();
        assertThat(grant.thingName()).isEqualTo("sensor-1");
        assertThat(grant.exclusiveThingName()).as("associated by client ID, not exclusively").isNull();
        assertThat(grant.principalId()).isEqualTo(device.id());
        assertThat(grant.canPublish("things/sensor-1/temperature", false)).isTrue();
        assertThat(grant.canPublish("things/sensor-2/temperature", false)).isFalse();
        assertThat(grant.canPublish("things/sensor-1/temperature", true)).as("no iot:RetainPublish").isFalse();
        assertThat(grant.canSubscribe("things/sensor-1/#")).as("the policy's * covers the literal #").isTrue();
        assertThat(grant.canSubscribe("things/#")).isFalse();
        assertThat(grant.canReceive("things/sensor-1/commands", null)).isTrue();
        assertThat(grant.canReceive("things/sensor-2/commands", null)).isFalse();
    }

    @Test
    void anotherClientIdIsRefusedAndTheDenialNamesTheActionResourceAndWhy() {
        AuthFixture.Device device = sensor("sensor-1");

        ConnectDecision decision = fixture.authorizer.connect(attempt(device.identity(), "intruder", revocations));

        assertThat(decision.verdict()).isEqualTo(ConnectDecision.Verdict.NOT_AUTHORIZED);
        assertThat(decision.reason()).isEqualTo("Denied iot:Connect on " + PREFIX + "client/intruder");
        assertThat(fixture.denials).singleElement().asString()
                .startsWith("Denied iot:Connect for client 'intruder' on " + PREFIX + "client/intruder: no statement "
                        + "allowed it");
        assertThat(fixture.authorizer.watchedCount()).as("a refused connection is not watched").isZero();
    }

    @Test
    void eachDenialIsLoggedOncePerActionAndResource() {
        ClientGrant grant = fixture.authorizer.connect(attempt(sensor("sensor-1").identity(), "sensor-1", revocations))
                .grant();

        for (int i = 0; i < 3; i++) {
            grant.canPublish("other", false);
            grant.canSubscribe("other");
        }
        // a registry change makes a new binding with empty caches: still not logged again
        fixture.things.createThing("unrelated", null, Map.of());
        grant.canPublish("other", false);

        assertThat(fixture.denials).containsExactly(
                "Denied iot:Publish for client 'sensor-1' on " + PREFIX + "topic/other: " + explanation(grant, "other"),
                "Denied iot:Subscribe for client 'sensor-1' on " + PREFIX + "topicfilter/other: "
                        + fixture.denials.get(1).substring(fixture.denials.get(1).indexOf(": ") + 2));
        assertThat(fixture.denials.get(0)).contains("no statement allowed it; closest:");
    }

    private String explanation(ClientGrant grant, String topic) {
        return ((PolicyGrant) grant).current().check().explain("iot:Publish", PREFIX + "topic/" + topic).text();
    }

    @Test
    void aNewDefaultVersionAppliesToTheNextPublish() {
        ClientGrant grant = fixture.authorizer.connect(attempt(sensor("sensor-1").identity(), "sensor-1", revocations))
                .grant();
        assertThat(grant.canPublish("things/sensor-1/x", false)).isTrue();

        fixture.security.policies().createVersion("thing-policy", document(
                allow("iot:Connect", PREFIX + "client/${iot:Connection.Thing.ThingName}"),
                deny("iot:Publish", PREFIX + "topic/things/${iot:Connection.Thing.ThingName}/x")), true);

        assertThat(grant.canPublish("things/sensor-1/x", false)).isFalse();
        assertThat(revocations).as("a policy change never disconnects").hasValue(0);
    }

    @Test
    void thingGroupPoliciesApplyOnlyToAConnectionAssociatedWithTheThingAndFollowMembership() {
        AuthFixture.Device device = sensor("lamp");
        fixture.things.createGroup("building", null, null, Map.of());
        fixture.things.createGroup("floor", "building", null, Map.of());
        fixture.security.policies().create("building-policy",
                document(allow("iot:Publish", PREFIX + "topic/building/*")), Map.of());
        fixture.security.attachments().attachPolicy("building-policy",
                fixture.things.group("building").arn());
        ClientGrant lamp = fixture.authorizer.connect(attempt(device.identity(), "lamp", revocations)).grant();
        assertThat(lamp.canPublish("building/alarm", false)).as("not in a group yet").isFalse();

        fixture.things.addThingToGroup("floor", "lamp");
        assertThat(lamp.canPublish("building/alarm", false)).as("inherited from the parent group").isTrue();

        fixture.things.removeThingFromGroup("floor", "lamp");
        assertThat(lamp.canPublish("building/alarm", false)).isFalse();
    }

    @Test
    void anExclusiveThingIsAssociatedWhateverTheClientId() {
        AuthFixture.Device device = fixture.device("by-thing", document(
                allow("iot:Connect", "*"), allow("iot:Publish", PREFIX + "topic/${iot:Connection.Thing.ThingName}")));
        fixture.things.createThing("meter", null, Map.of());
        fixture.security.attachments().attachThingPrincipal("meter", device.arn(), "EXCLUSIVE_THING");

        ClientGrant grant = fixture.authorizer.connect(attempt(device.identity(), "any-id", revocations)).grant();

        assertThat(grant.thingName()).isEqualTo("meter");
        assertThat(grant.exclusiveThingName()).as("what lifecycle events name").isEqualTo("meter");
        assertThat(grant.canPublish("meter", false)).isTrue();
    }

    @Test
    void withoutAThingTheThingVariablesAreUnresolvedAndMatchNothing() {
        AuthFixture.Device device = fixture.device("thing-policy", THING_POLICY);
        fixture.things.createThing("sensor-1", null, Map.of()); // exists, but the certificate is not attached

        assertThat(fixture.authorizer.connect(attempt(device.identity(), "sensor-1", revocations)).verdict())
                .isEqualTo(ConnectDecision.Verdict.NOT_AUTHORIZED);
    }

    @Test
    void theCertificatesOwnVariablesResolve() {
        AuthFixture.Device device = fixture.device("by-certificate", document(allow("iot:Connect", "*"),
                allow("iot:Publish", PREFIX + "topic/${iot:Certificate.Subject.CommonName}/${iot:CertificateId}")));
        ClientGrant grant = fixture.authorizer.connect(attempt(device.identity(), "any", revocations)).grant();

        assertThat(grant.canPublish("AWS IoT Certificate/" + device.id(), false)).isTrue();
        assertThat(grant.canPublish("AWS IoT Certificate/other", false)).isFalse();
    }

    @Test
    void anUnregisteredOrInactiveCertificateIsAnUnknownPrincipal() {
        AuthFixture.Device device = sensor("sensor-1");
        X509Certificate stranger = AuthFixture.parse(fixture.security.certificates().createKeysAndCertificate(true)
                .certificate().pem());
        fixture.security.certificates().update(CertificateIds.of(stranger), "INACTIVE");
        fixture.security.certificates().delete(CertificateIds.of(stranger), true);

        ConnectDecision unregistered = fixture.authorizer.connect(attempt(new ClientIdentity("CN=x",
                CertificateIds.of(stranger), stranger), "sensor-1", revocations));
        fixture.security.certificates().update(device.id(), "INACTIVE");
        ConnectDecision inactive = fixture.authorizer.connect(attempt(device.identity(), "sensor-1", revocations));

        assertThat(unregistered.verdict()).isEqualTo(ConnectDecision.Verdict.UNKNOWN_PRINCIPAL);
        assertThat(unregistered.reason()).isEqualTo("certificate " + CertificateIds.of(stranger) + " is not registered");
        assertThat(inactive.verdict()).isEqualTo(ConnectDecision.Verdict.UNKNOWN_PRINCIPAL);
        assertThat(inactive.reason()).contains("is INACTIVE, not ACTIVE");
    }

    @Test
    void deactivatingTheCertificateRevokesItsConnectionsOnceAndReleasedOnesAreNotWatched() {
        AuthFixture.Device device = sensor("sensor-1");
        AtomicInteger released = new AtomicInteger();
        ClientGrant live = fixture.authorizer.connect(attempt(device.identity(), "sensor-1", revocations)).grant();
        ClientGrant closed = fixture.authorizer.connect(attempt(device.identity(), "sensor-1", released)).grant();
        closed.release();
        assertThat(fixture.authorizer.watchedCount()).isEqualTo(1);

        fixture.security.certificates().update(device.id(), "INACTIVE");
        fixture.security.certificates().update(device.id(), "REVOKED");

        assertThat(revocations).hasValue(1);
        assertThat(released).hasValue(0);
        assertThat(fixture.authorizer.watchedCount()).isZero();
        assertThat(live.canPublish("things/sensor-1/x", false)).as("the grant still answers meanwhile").isTrue();
    }

    @Test
    void detachingTheLastPolicyRevokesButDetachingOneOfTwoDoesNot() {
        AuthFixture.Device device = sensor("sensor-1");
        fixture.security.policies().create("second", document(allow("iot:Publish", "*")), Map.of());
        fixture.security.attachments().attachPolicy("second", device.arn());
        fixture.authorizer.connect(attempt(device.identity(), "sensor-1", revocations));

        fixture.security.attachments().detachPolicy("second", device.arn(), true);
        assertThat(revocations).hasValue(0);
        fixture.security.attachments().detachPolicy("thing-policy", device.arn(), true);
        assertThat(revocations).hasValue(1);
    }

    @Test
    void theWillNeedsPublishAndRetainPublishOnItsTopic() {
        AuthFixture.Device device = sensor("sensor-1");
        ConnectAttempt will = new ConnectAttempt(device.identity(), "sensor-1", false, "things/sensor-1/status", false,
                null, revocations::incrementAndGet);
        ConnectAttempt retainedWill = new ConnectAttempt(device.identity(), "sensor-1", false,
                "things/sensor-1/status", true, null, revocations::incrementAndGet);

        assertThat(fixture.authorizer.connect(will).verdict()).isEqualTo(ConnectDecision.Verdict.ALLOWED);
        assertThat(fixture.authorizer.connect(retainedWill).verdict()).isEqualTo(ConnectDecision.Verdict.NOT_AUTHORIZED);
        assertThat(fixture.authorizer.connect(retainedWill).reason())
                .isEqualTo("Denied publishing the Will on " + PREFIX + "topic/things/sensor-1/status");
    }

    @Test
    void aSharedDeliveryIsAllowedByEitherResourceAndRefusedByAnExplicitDenyOnEither() {
        AuthFixture.Device device = fixture.device("shared", document(allow("iot:Connect", "*"),
                allow("iot:Receive", PREFIX + "topic/$share/workers/jobs/*"),
                allow("iot:Receive", PREFIX + "topic/plain/*"),
                deny("iot:Receive", PREFIX + "topic/$share/workers/plain/secret")));
        ClientGrant grant = fixture.authorizer.connect(attempt(device.identity(), "worker", revocations)).grant();

        assertThat(grant.canReceive("jobs/1", "workers")).isTrue();
        assertThat(grant.canReceive("jobs/1", "others")).isFalse();
        assertThat(grant.canReceive("jobs/1", null)).isFalse();
        assertThat(grant.canReceive("plain/x", "workers")).isTrue();
        assertThat(grant.canReceive("plain/secret", "workers")).isFalse();
        assertThat(grant.canReceive("plain/secret", null)).isTrue();
    }

    @Test
    void thePlainListenerAllowsAllByDefaultAndOtherwiseEvaluatesItsPoliciesWithTheClientId() {
        AtomicInteger ignored = new AtomicInteger();
        ConnectDecision open = fixture.authorizer.connect(attempt(ClientIdentity.ANONYMOUS, "anyone", ignored));
        assertThat(open.grant()).isInstanceOf(AllowAllAuthorizer.AllowAllGrant.class);

        AuthFixture strict = new AuthFixture(List.of("plain"));
        strict.security.policies().create("plain", document(allow("iot:Connect", PREFIX + "client/app-*"),
                allow("iot:Publish", PREFIX + "topic/${iot:ClientId}/*")), Map.of());
        assertThat(strict.authorizer.connect(attempt(ClientIdentity.ANONYMOUS, "device", ignored)).verdict())
                .isEqualTo(ConnectDecision.Verdict.NOT_AUTHORIZED);
        ClientGrant app = strict.authorizer.connect(attempt(ClientIdentity.ANONYMOUS, "app-1", ignored)).grant();
        assertThat(app.canPublish("app-1/out", false)).isTrue();
        assertThat(app.canPublish("app-2/out", false)).isFalse();
        assertThat(app.principalId()).isEmpty();
    }

    @Test
    void anHttpPublishWithACertificateIsDecidedByItsPoliciesWithoutClientIdOrThing() {
        AuthFixture.Device device = fixture.device("http", document(allow("iot:Publish", PREFIX + "topic/http/*"),
                allow("iot:Publish", PREFIX + "topic/${iot:ClientId}")));

        assertThat(fixture.authorizer.refuseHttpPublish(null, "anything", true)).as("SigV4: IAM not emulated").isNull();
        assertThat(fixture.authorizer.refuseHttpPublish(device.certificate(), "http/1", false)).isNull();
        assertThat(fixture.authorizer.refuseHttpPublish(device.certificate(), "http/1", true))
                .startsWith("Denied iot:RetainPublish on " + PREFIX + "topic/http/1: no statement allowed it");
        assertThat(fixture.authorizer.refuseHttpPublish(device.certificate(), "${iot:ClientId}", false))
                .startsWith("Denied iot:Publish");
    }

    @Test
    void iotDataShadowActionsAreDecidedOnTheThingResourceAndListingNeedsStar() {
        AuthFixture.Device device = fixture.device("shadow-http", document(
                allow("iot:GetThingShadow", PREFIX + "thing/lamp"), allow("iot:ListNamedShadowsForThing", PREFIX + "thing/*")));

        assertThat(fixture.authorizer.refuseHttp(device.certificate(), "thing/lamp", List.of("iot:GetThingShadow")))
                .isNull();
        assertThat(fixture.authorizer.refuseHttp(device.certificate(), "thing/lamp/named", List.of("iot:GetThingShadow")))
                .startsWith("Denied iot:GetThingShadow on " + PREFIX + "thing/lamp/named: no statement allowed it");
        assertThat(fixture.authorizer.refuseHttp(device.certificate(), "thing/lamp", List.of("iot:UpdateThingShadow")))
                .startsWith("Denied iot:UpdateThingShadow on " + PREFIX + "thing/lamp");
        assertThat(fixture.authorizer.refuseHttp(device.certificate(), Authorizer.ANY_RESOURCE,
                List.of("iot:ListNamedShadowsForThing"))).as("a thing ARN pattern does not cover *")
                .startsWith("Denied iot:ListNamedShadowsForThing on *");
        assertThat(fixture.authorizer.refuseHttp(null, "thing/lamp", List.of("iot:UpdateThingShadow")))
                .as("SigV4: IAM not emulated").isNull();
    }
}
