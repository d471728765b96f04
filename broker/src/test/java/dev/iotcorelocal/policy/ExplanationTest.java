package dev.iotcorelocal.policy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.arn;
import static dev.iotcorelocal.policy.Policies.client;
import static dev.iotcorelocal.policy.Policies.deny;
import static dev.iotcorelocal.policy.Policies.document;
import static dev.iotcorelocal.policy.Policies.thing;
import static org.assertj.core.api.Assertions.assertThat;

/** The one line a developer reads for each decision, exactly, for the near misses seen in the field (spec §8). */
class ExplanationTest {
    private static final String P = Policies.PREFIX;

    private static Explanation explain(RequestContext context, String version, String policy, String action,
                                       String resource) {
        return PolicySet.of(List.of(CompiledPolicy.compile("device", version, policy))).bind(context)
                .explain(action, arn(resource));
    }

    @Test
    void anExplicitDenyNamesTheStatementAndItsSid() {
        String policy = document(allow("iot:Publish", "topic/${iot:ClientId}/*"),
                "{\"Sid\":\"NoBar\",\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\""
                        + arn("topic/${iot:ClientId}/bar") + "\"}");
        Explanation explanation = explain(client("client1").build(), "2", policy, "iot:Publish", "topic/client1/bar");
        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(explanation.text()).isEqualTo("denied by policy 'device' version 2 statement 1 (Sid \"NoBar\"): "
                + "Deny iot:Publish on " + P + "topic/client1/bar");
    }

    @Test
    void anAllowNamesTheStatement() {
        Explanation explanation = explain(client("client1").build(), "1",
                document(allow("iot:Publish", "topic/${iot:ClientId}/*")), "iot:Publish", "topic/client1/x");
        assertThat(explanation.decision().allowed()).isTrue();
        assertThat(explanation.text()).isEqualTo("allowed by policy 'device' version 1 statement 0: "
                + "Allow iot:Publish on " + P + "topic/client1/x");
    }

    @Test
    void mqttWildcardsInThePolicyResource() {
        Explanation explanation = explain(client("c").build(), "1",
                document(allow("iot:Subscribe", "topicfilter/some/+/topic")), "iot:Subscribe",
                "topicfilter/some/abc/topic");
        assertThat(explanation.decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 0 allows iot:Subscribe on " + P + "topicfilter/some/+/topic (resource differs: "
                + "'+' and '#' are literal in policies, use '*')");
    }

    @Test
    void topicWhereTopicfilterWasNeeded() {
        Explanation explanation = explain(client("c").build(), "1",
                document(allow("iot:Publish", "topic/sensors/*"), allow("iot:Subscribe", "topic/sensors/*")),
                "iot:Subscribe", "topicfilter/sensors/temperature");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 1 allows iot:Subscribe on " + P + "topic/sensors/* (resource differs: iot:Subscribe is "
                + "checked on topicfilter/ ARNs, this statement names topic/)");
    }

    @Test
    void anUnknownVariableIsNamedWithTheDocumentedOne() {
        Explanation explanation = explain(thing("t1").build(), "1",
                document(allow("iot:Publish", "topic/${iot:Thing.ThingName}/*")), "iot:Publish", "topic/t1/x");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 0 allows iot:Publish on " + P + "topic/${iot:Thing.ThingName}/* (resource has an "
                + "unresolved variable: ${iot:Thing.ThingName} is not an AWS IoT policy variable; did you mean "
                + "${iot:Connection.Thing.ThingName}?)");
    }

    @Test
    void aThingVariableWithoutAnAssociatedThing() {
        Explanation explanation = explain(client("sensor-8").build(), "1",
                document(allow("iot:Connect", "client/${iot:Connection.Thing.ThingName}")), "iot:Connect",
                "client/sensor-8");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 0 allows iot:Connect on " + P + "client/${iot:Connection.Thing.ThingName} (resource "
                + "has an unresolved variable: ${iot:Connection.Thing.ThingName} has no value: the connection has "
                + "no thing (its client ID must be the name of a thing attached to its certificate))");
    }

    @Test
    void aFalseConditionIsNamedWithBothValues() {
        String policy = document("{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\""
                + arn("topic/device/stats") + "\",\"Condition\":{\"StringEquals\":"
                + "{\"iot:Connection.Thing.ThingTypeName\":\"Thermostat\"}}}");
        Explanation explanation = explain(thing("t1").put(ContextKeys.THING_TYPE_NAME, "Lamp").build(), "1", policy,
                "iot:Publish", "topic/device/stats");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 0 allows iot:Publish on " + P + "topic/device/stats (condition false: StringEquals "
                + "iot:Connection.Thing.ThingTypeName (request: 'Lamp'; policy: 'Thermostat'))");
    }

    @Test
    void subscribeGrantedButNotReceive() {
        Explanation explanation = explain(client("c").build(), "1",
                document(allow("iot:Subscribe", "topicfilter/alerts/*")), "iot:Receive", "topic/alerts/fire");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 0 allows iot:Subscribe on " + P + "topicfilter/alerts/* (action differs: the request "
                + "is iot:Receive, which it does not name)");
    }

    @Test
    void anotherResourceOfTheSameAction() {
        Explanation explanation = explain(client("client1").build(), "1",
                document(allow("iot:Connect", "client/${iot:ClientId}"), allow("iot:Publish", "topic/${iot:ClientId}/*")),
                "iot:Publish", "topic/client2/x");
        assertThat(explanation.text()).isEqualTo("no statement allowed it; closest: policy 'device' version 1 "
                + "statement 1 allows iot:Publish on " + P + "topic/client1/* (resource differs)");
    }

    @Test
    void nothingNearAndNoPolicies() {
        assertThat(explain(client("c").build(), "1", document(allow("iot:Connect", "client/c")), "iot:Publish",
                "topic/x").text()).isEqualTo("no statement allowed it; no Allow statement covers iot:Publish or "
                + "this resource");
        assertThat(PolicySet.of(List.of()).bind(MapRequestContext.empty()).explain("iot:Connect", arn("client/c"))
                .text()).isEqualTo("no statement allowed it; no policy applies to this principal");
    }

    @Test
    void aDenyWithAnUnresolvedVariableDoesNotApply() {
        String policy = document(allow("iot:Publish", "topic/*"),
                deny("iot:Publish", "topic/${iot:Connection.Thing.ThingName}/*"));
        Explanation explanation = explain(client("c").build(), "1", policy, "iot:Publish", "topic/c/x");
        assertThat(explanation.decision().outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(explanation.decision().statementIndex()).isZero();
    }
}
