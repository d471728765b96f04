package dev.iotcorelocal.policy;

import org.junit.jupiter.api.Test;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.bind;
import static dev.iotcorelocal.policy.Policies.client;
import static dev.iotcorelocal.policy.Policies.document;
import static dev.iotcorelocal.policy.Policies.thing;
import static org.assertj.core.api.Assertions.assertThat;

/** TestAuthorization's missingContextValues: what the statements covering an action needed and the caller lacked. */
class MissingContextValuesTest {
    private static final String THING_POLICY = document(
            allow("iot:Connect", "client/${iot:Connection.Thing.ThingName}"),
            allow("iot:Publish", "topic/${iot:Connection.Thing.Attributes[site]}/*"));

    @Test
    void aThingVariableIsMissingWithoutAnAssociatedThingAndOnlyForTheActionItsStatementCovers() {
        PolicyCheck noThing = bind(client("sensor-1").build(), THING_POLICY);

        assertThat(noThing.missingContextValues("iot:Connect")).containsExactly("iot:Connection.Thing.ThingName");
        assertThat(noThing.missingContextValues("iot:Publish"))
                .containsExactly("iot:Connection.Thing.Attributes[site]");
        assertThat(noThing.missingContextValues("iot:Subscribe")).isEmpty();
    }

    @Test
    void nothingIsMissingOnceTheThingAndItsAttributeResolve() {
        PolicyCheck withThing = bind(thing("sensor-1").put(ContextKeys.THING_ATTRIBUTE + "site]", "berlin").build(),
                THING_POLICY);

        assertThat(withThing.missingContextValues("iot:Connect")).isEmpty();
        assertThat(withThing.missingContextValues("iot:Publish")).isEmpty();
    }

    @Test
    void anAbsentConditionKeyIsMissingUnlessTheOperatorExpectsAbsence() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEqualsIfExists\":{\"iot:Certificate.Subject.Country\":\"DE\"},"
                + "\"Null\":{\"iot:Certificate.Subject.Organization\":\"true\"}}}]}";

        assertThat(bind(client("c").build(), policy).missingContextValues("iot:Connect"))
                .containsExactly("iot:Connection.Thing.ThingTypeName");
    }

    @Test
    void anUndocumentedVariableIsReportedAsWritten() {
        PolicyCheck check = bind(thing("t").build(), document(allow("iot:Publish", "topic/${iot:Thing.ThingName}/*")));

        assertThat(check.missingContextValues("iot:Publish")).containsExactly("iot:Thing.ThingName");
    }
}
