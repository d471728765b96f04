package dev.iotcorelocal.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.arn;
import static dev.iotcorelocal.policy.Policies.bind;
import static dev.iotcorelocal.policy.Policies.client;
import static dev.iotcorelocal.policy.Policies.deny;
import static dev.iotcorelocal.policy.Policies.document;
import static dev.iotcorelocal.policy.Policies.thing;
import static org.assertj.core.api.Assertions.assertThat;

/** The worked examples E1–E15 of aws-iot-policies-and-lifecycle.md §5: policy + request + context → decision. */
class WorkedExamplesTest {

    private static void expect(PolicyCheck check, String action, String resource, Outcome outcome, int statement) {
        Decision decision = check.decide(action, arn(resource));
        assertThat(decision.outcome()).as("%s on %s", action, resource).isEqualTo(outcome);
        assertThat(decision.statementIndex()).as("deciding statement of %s on %s", action, resource)
                .isEqualTo(statement);
    }

    @Test
    void e1ConnectOnlyWithTheNamedClientId() {
        String policy = document(allow("iot:Connect", "client/client1"));
        expect(bind(client("client1").build(), policy), "iot:Connect", "client/client1", Outcome.ALLOWED, 0);
        expect(bind(client("client2").build(), policy), "iot:Connect", "client/client2", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e2ExplicitDenyBeatsTheThingNameAllowAndAnUnattachedCertificateGetsNothing() {
        String policy = document(deny("iot:Connect", "client/client1", "client/client2"),
                allow("iot:Connect", "client/${iot:Connection.Thing.ThingName}"));
        expect(bind(thing("client1").build(), policy), "iot:Connect", "client/client1", Outcome.EXPLICIT_DENY, 0);
        expect(bind(thing("sensor-7").build(), policy), "iot:Connect", "client/sensor-7", Outcome.ALLOWED, 1);
        expect(bind(client("sensor-8").build(), policy), "iot:Connect", "client/sensor-8", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e3MqttWildcardsInAPolicyAreLiteral() {
        PolicyCheck check = bind(thing("t1").build(), document(
                allow("iot:Connect", "client/${iot:Connection.Thing.ThingName}"),
                allow("iot:Subscribe", "topicfilter/some/+/topic")));
        expect(check, "iot:Subscribe", "topicfilter/some/+/topic", Outcome.ALLOWED, 1);
        expect(check, "iot:Subscribe", "topicfilter/some/abc/topic", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e4StarMatchesAnyRunIncludingSlashAndPlus() {
        PolicyCheck check = bind(client("c").build(), document(allow("iot:Subscribe", "topicfilter/some/*/topic")));
        expect(check, "iot:Subscribe", "topicfilter/some/string1/topic", Outcome.ALLOWED, 0);
        expect(check, "iot:Subscribe", "topicfilter/some/a/b/topic", Outcome.ALLOWED, 0);
        expect(check, "iot:Subscribe", "topicfilter/some/+/topic", Outcome.ALLOWED, 0);
        expect(check, "iot:Subscribe", "topicfilter/other/x/topic", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e5ASubscribeDenyDoesNotStopAWildcardSubscriptionButAReceiveNotResourceDoes() {
        String broken = document(allow("iot:Subscribe", "topicfilter/a/*"),
                deny("iot:Subscribe", "topicfilter/a/restricted/*"), allow("iot:Receive", "topic/a/*"));
        PolicyCheck check = bind(client("c").build(), broken);
        expect(check, "iot:Subscribe", "topicfilter/a/#", Outcome.ALLOWED, 0);
        expect(check, "iot:Receive", "topic/a/restricted/x", Outcome.ALLOWED, 2);

        String fixed = document(allow("iot:Subscribe", "topicfilter/a/*"),
                deny("iot:Subscribe", "topicfilter/a/restricted/*"),
                "{\"Effect\":\"Allow\",\"Action\":\"iot:Receive\",\"NotResource\":\"" + arn("topic/a/restricted/*")
                        + "\"}");
        PolicyCheck fixedCheck = bind(client("c").build(), fixed);
        expect(fixedCheck, "iot:Subscribe", "topicfilter/a/#", Outcome.ALLOWED, 0);
        expect(fixedCheck, "iot:Receive", "topic/a/restricted/x", Outcome.IMPLICIT_DENY, -1);
        expect(fixedCheck, "iot:Receive", "topic/a/x", Outcome.ALLOWED, 2);
    }

    @Test
    void e6SubscribeAllowedButReceiveDenied() {
        PolicyCheck check = bind(client("c").build(), document(allow("iot:Subscribe", "topicfilter/device/update"),
                deny("iot:Receive", "topic/device/update")));
        expect(check, "iot:Subscribe", "topicfilter/device/update", Outcome.ALLOWED, 0);
        expect(check, "iot:Receive", "topic/device/update", Outcome.EXPLICIT_DENY, 1);
    }

    @Test
    void e7ClientIdPrefixExceptOneTopic() {
        PolicyCheck check = bind(client("client1").build(), document(
                allow("iot:Connect", "client/client1", "client/client2"),
                allow("iot:Publish", "topic/${iot:ClientId}/*"),
                deny("iot:Publish", "topic/${iot:ClientId}/bar")));
        expect(check, "iot:Connect", "client/client1", Outcome.ALLOWED, 0);
        expect(check, "iot:Publish", "topic/client1/foo", Outcome.ALLOWED, 1);
        expect(check, "iot:Publish", "topic/client1/bar", Outcome.EXPLICIT_DENY, 2);
        expect(check, "iot:Publish", "topic/client2/foo", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e8AClientIdOfPlusWidensASubstitutedFilterGrantLiterally() {
        String policy = document(allow("iot:Connect", "client/*"), allow("iot:Subscribe", "topicfilter/my/${iot:ClientId}/topic"));
        PolicyCheck plus = bind(client("+").build(), policy);
        expect(plus, "iot:Connect", "client/+", Outcome.ALLOWED, 0);
        expect(plus, "iot:Subscribe", "topicfilter/my/+/topic", Outcome.ALLOWED, 1);
        // substituted values are literal: the '+' client cannot name another filter through it
        expect(plus, "iot:Subscribe", "topicfilter/my/x/topic", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e9AnAttributeOfAThingTheCertificateIsNotAssociatedWithDoesNotResolve() {
        String policy = document(allow("iot:Publish", "topic/${iot:Connection.Thing.Attributes[attributeName]}/*"));
        expect(bind(client("x").build(), policy), "iot:Publish", "topic/x/y", Outcome.IMPLICIT_DENY, -1);
        PolicyCheck associated = bind(thing("x").put(ContextKeys.THING_ATTRIBUTE + "attributeName]", "x").build(),
                policy);
        expect(associated, "iot:Publish", "topic/x/y", Outcome.ALLOWED, 0);
    }

    @Test
    void e10IsAttachedCondition() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"Bool\":{\"iot:Connection.Thing.IsAttached\":[\"true\"]}}}");
        expect(bind(thing("t1").build(), policy), "iot:Connect", "client/t1", Outcome.ALLOWED, 0);
        expect(bind(client("t1").build(), policy), "iot:Connect", "client/t1", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e11AttributeTypeAndAttachedConditionsAllHold() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\""
                + arn("topic/device/stats") + "\",\"Condition\":{\"StringEquals\":{"
                + "\"iot:Connection.Thing.Attributes[attributeName]\":\"attributeValue\","
                + "\"iot:Connection.Thing.ThingTypeName\":\"Thing_Type_Name\"},"
                + "\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}}");
        MapRequestContext.Builder device = thing("t1").put(ContextKeys.THING_ATTRIBUTE + "attributeName]",
                "attributeValue");
        expect(bind(device.put(ContextKeys.THING_TYPE_NAME, "Thing_Type_Name").build(), policy), "iot:Publish",
                "topic/device/stats", Outcome.ALLOWED, 0);
        expect(bind(device.put(ContextKeys.THING_TYPE_NAME, "Other_Type").build(), policy), "iot:Publish",
                "topic/device/stats", Outcome.IMPLICIT_DENY, -1);
    }

    private static String connectIf(String operator, String values) {
        return document("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\",\"Condition\":{\""
                + operator + "\":{\"iot:ConnectAttributes\":" + values + "}}}");
    }

    @Test
    void e12OnlyDefaultFeatures() {
        String policy = connectIf("ForAllValues:StringEquals", "[]");
        expect(bind(client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of()).build(), policy), "iot:Connect",
                "client/c", Outcome.ALLOWED, 0);
        expect(bind(client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("PersistentConnect")).build(),
                policy), "iot:Connect", "client/c", Outcome.IMPLICIT_DENY, -1);
        expect(bind(client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("LastWill")).build(), policy),
                "iot:Connect", "client/c", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e13OnlyPersistentConnect() {
        String policy = connectIf("ForAnyValue:StringEquals", "[\"PersistentConnect\"]");
        expect(bind(client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of()).build(), policy), "iot:Connect",
                "client/c", Outcome.IMPLICIT_DENY, -1);
        expect(bind(client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("PersistentConnect", "LastWill"))
                .build(), policy), "iot:Connect", "client/c", Outcome.ALLOWED, 0);
    }

    @Test
    void e14OnlyWithTheNamedLastWillTopic() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"ArnEquals\":{\"iot:LastWillTopic\":\"" + arn("topic/my/lastwill/topicName")
                + "\"}}}");
        expect(bind(client("c").put(ContextKeys.LAST_WILL_TOPIC, arn("topic/my/lastwill/topicName")).build(),
                policy), "iot:Connect", "client/c", Outcome.ALLOWED, 0);
        expect(bind(client("c").put(ContextKeys.LAST_WILL_TOPIC, arn("topic/other")).build(), policy),
                "iot:Connect", "client/c", Outcome.IMPLICIT_DENY, -1);
        expect(bind(client("c").build(), policy), "iot:Connect", "client/c", Outcome.IMPLICIT_DENY, -1);
    }

    @Test
    void e15RetainedPublishNeedsRetainPublishToo() {
        String both = document(allow("iot:Connect", "client/device1"),
                allow("[\"iot:Publish\",\"iot:RetainPublish\"]", "topic/device/sample/configuration"));
        PolicyCheck check = bind(client("device1").build(), both);
        expect(check, "iot:Publish", "topic/device/sample/configuration", Outcome.ALLOWED, 1);
        expect(check, "iot:RetainPublish", "topic/device/sample/configuration", Outcome.ALLOWED, 1);

        PolicyCheck publishOnly = bind(client("device1").build(), document(allow("iot:Connect", "client/device1"),
                allow("iot:Publish", "topic/device/sample/configuration")));
        expect(publishOnly, "iot:Publish", "topic/device/sample/configuration", Outcome.ALLOWED, 1);
        expect(publishOnly, "iot:RetainPublish", "topic/device/sample/configuration", Outcome.IMPLICIT_DENY, -1);
    }
}
