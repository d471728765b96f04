package dev.iotcorelocal.policy;

import org.junit.jupiter.api.Test;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.arn;
import static dev.iotcorelocal.policy.Policies.deny;
import static dev.iotcorelocal.policy.Policies.document;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PolicyCheck#allowsEvery}: the shortcut that lets an allow-all policy skip per-message
 * decisions. It must say yes for AWS's usual allow-all shapes and no whenever some topic could be
 * refused; EngineAgreesWithReferenceTest checks it never says yes wrongly on generated policies.
 */
class AllowsEveryTest {
    private static final String TOPICS = arn("topic/");
    private static final String FILTERS = arn("topicfilter/");

    private static PolicyCheck check(String... statements) {
        return Policies.bind(Policies.thing("dev1").build(), document(statements));
    }

    @Test
    void theDevAllowAllPolicyAllowsEveryTopicAndFilter() {
        PolicyCheck check = check(allow("iot:*", "*"));
        assertThat(check.allowsEvery("iot:Publish", TOPICS)).isTrue();
        assertThat(check.allowsEvery("iot:Receive", TOPICS)).isTrue();
        assertThat(check.allowsEvery("iot:Subscribe", FILTERS)).isTrue();
        assertThat(check.allowsEvery("iot:RetainPublish", TOPICS)).isTrue();
    }

    @Test
    void aTrailingStarUnderTheTypeCoversTheTypeOnlyForTheActionsNamed() {
        PolicyCheck check = check(allow("iot:Publish", "topic/*"));
        assertThat(check.allowsEvery("iot:Publish", TOPICS)).isTrue();
        assertThat(check.allowsEvery("iot:Receive", TOPICS)).isFalse();
        assertThat(check.allowsEvery("iot:Publish", FILTERS)).isFalse();
    }

    @Test
    void wildcardRegionAndAccountStillCoverThisAccountsTopics() {
        PolicyCheck check = Policies.bind(Policies.client("c").build(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\","
                        + "\"Resource\":\"arn:aws:iot:*:*:topic/*\"}]}");
        assertThat(check.allowsEvery("iot:Publish", TOPICS)).isTrue();
    }

    @Test
    void anyDenyOnTheActionTurnsTheShortcutOff() {
        PolicyCheck check = check(allow("iot:*", "*"), deny("iot:Publish", "topic/secret"));
        assertThat(check.allowsEvery("iot:Publish", TOPICS)).isFalse();
        assertThat(check.allowsEvery("iot:Receive", TOPICS)).isTrue();
        assertThat(check.decide("iot:Publish", arn("topic/secret")).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void narrowerResourcesAndVariablesAreDecidedPerTopic() {
        assertThat(check(allow("iot:Publish", "topic/a*")).allowsEvery("iot:Publish", TOPICS)).isFalse();
        assertThat(check(allow("iot:Publish", "topic/${iot:Connection.Thing.ThingName}/*"))
                .allowsEvery("iot:Publish", TOPICS)).isFalse();
        assertThat(check(allow("iot:Publish", "topic/?*")).allowsEvery("iot:Publish", TOPICS)).isFalse();
    }

    @Test
    void notResourceAndNotActionAllowsAreNeverTakenAsAllowAll() {
        PolicyCheck notResource = Policies.bind(Policies.client("c").build(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                        + "\"NotResource\":\"" + arn("topic/x") + "\"}]}");
        assertThat(notResource.allowsEvery("iot:Publish", TOPICS)).isFalse();
        assertThat(notResource.decide("iot:Publish", arn("topic/x")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    }

    @Test
    void anAllowAllWhoseConditionFailsForThisCallerAllowsNothing() {
        String conditional = "{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringEquals\":{\"iot:ClientId\":\"other\"}}}";
        assertThat(check(conditional).allowsEvery("iot:Publish", TOPICS)).isFalse();
        String holds = conditional.replace("\"other\"", "\"dev1\"");
        assertThat(check(holds).allowsEvery("iot:Publish", TOPICS)).isTrue();
    }
}
