package dev.iotcorelocal.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.iotcorelocal.policy.Policies.allow;
import static dev.iotcorelocal.policy.Policies.arn;
import static dev.iotcorelocal.policy.Policies.bind;
import static dev.iotcorelocal.policy.Policies.client;
import static dev.iotcorelocal.policy.Policies.deny;
import static dev.iotcorelocal.policy.Policies.document;
import static dev.iotcorelocal.policy.Policies.thing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The grammar's rules one by one (spec §2.1–§2.5), and the documentation defects of §5 as regressions. */
class PolicyLanguageTest {

    private static boolean allowed(PolicyCheck check, String action, String resource) {
        return check.decide(action, arn(resource)).allowed();
    }

    @Test
    void actionsAreCaseInsensitiveWithWildcardsAndResourcesAreCaseSensitive() {
        PolicyCheck check = bind(client("c").build(), document(allow("IOT:PUB*", "topic/Room/?")));
        assertThat(allowed(check, "iot:Publish", "topic/Room/1")).isTrue();
        assertThat(allowed(check, "iot:publish", "topic/Room/2")).isTrue();
        assertThat(allowed(check, "iot:Subscribe", "topic/Room/1")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/room/1")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/Room/12")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/Room/")).isFalse();
        assertThat(allowed(bind(client("c").build(), document(allow("iot:?ublish", "*"))), "iot:Publish",
                "topic/x")).isTrue();
    }

    @Test
    void matchingIsAnchoredOnTheWholeArn() {
        PolicyCheck check = bind(client("c").build(), document(allow("iot:Publish", "topic/a")));
        assertThat(allowed(check, "iot:Publish", "topic/a")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/a/b")).isFalse();
        assertThat(check.decide("iot:Publish", "x" + arn("topic/a")).allowed()).isFalse();
        PolicyCheck anyRegion = bind(client("c").build(), document(
                "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/a\"}"));
        assertThat(allowed(anyRegion, "iot:Publish", "topic/a")).isTrue();
    }

    @Test
    void escapesAreLiteralAndParenthesisedOnesAreOrdinaryText() {
        PolicyCheck check = bind(client("c").build(), document(allow("iot:Publish", "topic/a${*}", "topic/q${?}",
                "topic/d${$}", "topic/p$(*)")));
        assertThat(allowed(check, "iot:Publish", "topic/a*")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/ab")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/q?")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/qx")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/d$")).isTrue();
        // $(*) is no escape: '$', '(', a wildcard '*', ')'
        assertThat(allowed(check, "iot:Publish", "topic/p$(anything)")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/p$(*)")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/p*")).isFalse();
    }

    @Test
    void substitutedValuesAreLiteralAndSubstitutedOnce() {
        String policy = document(allow("iot:Publish", "topic/${iot:ClientId}/x"));
        PolicyCheck star = bind(client("*").build(), policy);
        assertThat(allowed(star, "iot:Publish", "topic/*/x")).isTrue();
        assertThat(allowed(star, "iot:Publish", "topic/other/x")).isFalse();
        PolicyCheck nested = bind(client("${iot:Connection.Thing.ThingName}").put(ContextKeys.THING_NAME, "t").build(),
                policy);
        assertThat(allowed(nested, "iot:Publish", "topic/${iot:Connection.Thing.ThingName}/x")).isTrue();
        assertThat(allowed(nested, "iot:Publish", "topic/t/x")).isFalse();
    }

    @Test
    void variableNamesAreCaseInsensitive() {
        PolicyCheck check = bind(client("c1").build(), document(allow("iot:Publish", "topic/${IOT:clientid}")));
        assertThat(allowed(check, "iot:Publish", "topic/c1")).isTrue();
    }

    @Test
    void withoutVersionVariablesAreLiteralText() {
        String policy = "{\"Statement\":" + allow("iot:Publish", "topic/${iot:ClientId}") + "}";
        CompiledPolicy compiled = CompiledPolicy.compile("old", "1", policy);
        assertThat(compiled.warnings()).singleElement().asString().contains("${...} is literal text");
        PolicyCheck check = PolicySet.of(List.of(compiled)).bind(client("c1").build());
        assertThat(allowed(check, "iot:Publish", "topic/c1")).isFalse();
        assertThat(allowed(check, "iot:Publish", "topic/${iot:ClientId}")).isTrue();
    }

    @Test
    void explicitDenyInAnyPolicyWinsOverTheUnionOfAllows() {
        PolicyCheck check = bind(client("c").build(), document(allow("iot:*", "*")),
                document(deny("iot:Publish", "topic/secret/*")));
        assertThat(allowed(check, "iot:Publish", "topic/open")).isTrue();
        Decision denied = check.decide("iot:Publish", arn("topic/secret/x"));
        assertThat(denied.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
        assertThat(denied.policyName()).isEqualTo("p1");
        assertThat(denied.policyVersionId()).isEqualTo("1");
    }

    @Test
    void notActionAndASingleStatementObject() {
        PolicyCheck check = bind(client("c").build(), "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "{\"Effect\":\"Allow\",\"NotAction\":[\"iot:Publish\"],\"Resource\":\"*\"}}");
        assertThat(allowed(check, "iot:Subscribe", "topicfilter/a")).isTrue();
        assertThat(allowed(check, "iot:Publish", "topic/a")).isFalse();
    }

    private static boolean connectAllowed(String condition, RequestContext context) {
        return bind(context, document("{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\","
                + "\"Condition\":" + condition + "}")).decide("iot:Connect", arn("client/c")).allowed();
    }

    @ParameterizedTest(name = "{0} with {1}={2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|iot:ClientId|c|true",
            "StringEquals|iot:ClientId|C|false",
            "StringEquals|IOT:CLIENTID|c|true",
            "StringNotEquals|iot:ClientId|c|false",
            "StringNotEquals|iot:ClientId|d|true",
            "StringNotEquals|iot:Connection.Thing.ThingTypeName|d|true",
            "StringEquals|iot:Connection.Thing.ThingTypeName|d|false",
            "StringEqualsIfExists|iot:Connection.Thing.ThingTypeName|d|true",
            "StringEqualsIgnoreCase|iot:ClientId|C|true",
            "StringNotEqualsIgnoreCase|iot:ClientId|C|false",
            "StringLike|iot:ClientId|?|true",
            "StringLike|iot:ClientId|x*|false",
            "StringNotLike|iot:ClientId|x*|true",
            "StringNotLike|iot:ClientId|*|false",
            "IpAddress|aws:SourceIp|203.0.113.0/24|true",
            "IpAddress|aws:SourceIp|203.0.113.7|true",
            "IpAddress|aws:SourceIp|203.0.112.0/24|false",
            "IpAddress|aws:SourceIp|203.0.0.0/9|true",
            "NotIpAddress|aws:SourceIp|203.0.113.0/24|false",
            "NotIpAddress|iot:DomainName|203.0.113.0/24|true",
            "IpAddress|iot:DomainName|203.0.113.0/24|false",
            "NumericGreaterThan|iot:Connection.Thing.Attributes[floor]|2|true",
            "NumericGreaterThanEquals|iot:Connection.Thing.Attributes[floor]|3|true",
            "NumericLessThan|iot:Connection.Thing.Attributes[floor]|3|false",
            "NumericLessThanEquals|iot:Connection.Thing.Attributes[floor]|3.0|true",
            "NumericEquals|iot:Connection.Thing.Attributes[floor]|3|true",
            "NumericNotEquals|iot:Connection.Thing.Attributes[floor]|3|false",
            "NumericEquals|iot:ClientId|3|false",
            "DateLessThan|iot:Connection.Thing.Attributes[installed]|2026-01-01T00:00:00Z|true",
            "DateGreaterThan|iot:Connection.Thing.Attributes[installed]|2024-06-01|true",
            "DateGreaterThan|iot:Connection.Thing.Attributes[installed]|2025-06-01|false",
            "DateEquals|iot:Connection.Thing.Attributes[installed]|1735689600|true",
            "DateNotEquals|iot:Connection.Thing.Attributes[installed]|1735689600|false",
            "Null|iot:Connection.Thing.ThingTypeName|true|true",
            "Null|iot:ClientId|true|false",
            "Null|iot:ClientId|false|true",
            "Bool|iot:Connection.Thing.IsAttached|TRUE|true",
            "Bool|iot:Connection.Thing.IsAttached|false|false",
            "ArnEquals|iot:LastWillTopic|arn:aws:iot:us-east-1:123456789012:topic/will/c|true",
            "ArnLike|iot:LastWillTopic|arn:aws:iot:*:*:topic/will/*|true",
            "ArnLike|iot:LastWillTopic|arn:aws:iot:*:topic/will/*|false",
            "ArnLike|iot:LastWillTopic|arn:aws:*|false",
            "ArnNotLike|iot:LastWillTopic|arn:aws:iot:*:*:topic/other/*|true",
            "ArnNotEquals|iot:LastWillTopic|arn:aws:iot:us-east-1:123456789012:topic/will/c|false",
            "StringEquals|iot:Thing.ThingName|c|false",
            "StringNotEquals|iot:Thing.ThingName|c|true",
    })
    void conditionOperators(String operator, String key, String value, boolean allowed) {
        RequestContext context = thing("c").put(ContextKeys.SOURCE_IP, "203.0.113.7")
                .put(ContextKeys.THING_ATTRIBUTE + "floor]", "3")
                .put(ContextKeys.THING_ATTRIBUTE + "installed]", "2025-01-01T00:00:00Z")
                .put(ContextKeys.LAST_WILL_TOPIC, arn("topic/will/c")).build();
        assertThat(connectAllowed("{\"" + operator + "\":{\"" + key + "\":\"" + value + "\"}}", context))
                .isEqualTo(allowed);
    }

    @Test
    void ipv6Ranges() {
        RequestContext context = client("c").put(ContextKeys.SOURCE_IP, "2001:db8:0:0:0:0:0:1").build();
        assertThat(connectAllowed("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db8::/32\"}}", context)).isTrue();
        assertThat(connectAllowed("{\"IpAddress\":{\"aws:SourceIp\":\"2001:db9::/32\"}}", context)).isFalse();
        assertThat(connectAllowed("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", context)).isFalse();
    }

    @Test
    void setOperatorsOverAbsentEmptyAndPresentSets() {
        String forAll = "{\"ForAllValues:StringEquals\":{\"iot:ConnectAttributes\":[\"LastWill\"]}}";
        String forAny = "{\"ForAnyValue:StringEquals\":{\"iot:ConnectAttributes\":[\"LastWill\"]}}";
        String forAllNot = "{\"ForAllValues:StringNotEquals\":{\"iot:ConnectAttributes\":[\"PersistentConnect\"]}}";
        RequestContext absent = client("c").build();
        RequestContext empty = client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of()).build();
        RequestContext will = client("c").putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("LastWill")).build();
        RequestContext both = client("c").putList(ContextKeys.CONNECT_ATTRIBUTES,
                List.of("LastWill", "PersistentConnect")).build();
        assertThat(List.of(connectAllowed(forAll, absent), connectAllowed(forAll, empty), connectAllowed(forAll, will),
                connectAllowed(forAll, both))).containsExactly(true, true, true, false);
        assertThat(List.of(connectAllowed(forAny, absent), connectAllowed(forAny, empty), connectAllowed(forAny, will),
                connectAllowed(forAny, both))).containsExactly(false, false, true, true);
        assertThat(List.of(connectAllowed(forAllNot, empty), connectAllowed(forAllNot, will),
                connectAllowed(forAllNot, both))).containsExactly(true, true, false);
    }

    @Test
    void conditionValuesTakeVariablesAndAllKeysAndOperatorsMustHold() {
        RequestContext named = thing("t1").build();
        RequestContext other = client("t1").put(ContextKeys.THING_NAME, "t2").build();
        String sameName = "{\"StringEquals\":{\"iot:ClientId\":\"${iot:Connection.Thing.ThingName}\"}}";
        assertThat(connectAllowed(sameName, named)).isTrue();
        assertThat(connectAllowed(sameName, other)).isFalse();
        assertThat(connectAllowed(sameName, client("t1").build())).isFalse();
        String both = "{\"StringEquals\":{\"iot:ClientId\":[\"x\",\"t1\"]},\"Bool\":{\"iot:Connection.Thing.IsAttached\":"
                + "\"true\"}}";
        assertThat(connectAllowed(both, named)).isTrue();
        assertThat(connectAllowed(both, client("t1").build())).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"stringEquals\":{\"iot:ClientId\":\"c\"}}|operator names are case-sensitive: StringEquals",
            "{\"StringMatches\":{\"iot:ClientId\":\"c\"}}|is not a condition operator",
            "{\"IpAddress\":{\"aws:SourceIp\":\"300.1.1.1/8\"}}|not a value IpAddress compares",
            "{\"NumericEquals\":{\"iot:ClientId\":\"one\"}}|not a value NumericEquals compares",
            "{\"DateEquals\":{\"iot:ClientId\":\"yesterday\"}}|not a value DateEquals compares",
            "{\"Null\":{\"iot:ClientId\":\"maybe\"}}|not a value Null compares",
            "{\"NullIfExists\":{\"iot:ClientId\":\"true\"}}|is not a condition operator",
            "{\"StringEquals\":{\"iot:ClientId\":{\"a\":1}}}|values must be strings or arrays",
    })
    void malformedConditionsAreRefusedWithTheReason(String condition, String reason) {
        assertThatThrownBy(() -> CompiledPolicy.compile("p", "1", document("{\"Effect\":\"Allow\",\"Action\":"
                + "\"iot:Connect\",\"Resource\":\"*\",\"Condition\":" + condition + "}")))
                .isInstanceOf(PolicyCompileException.class).hasMessageContaining(reason);
    }

    /** [JOBPOL]: iot:Subscribe granted on a topic/ ARN never matches, Subscribe is checked on topicfilter/. */
    @Test
    void defectSubscribeOnATopicArnGrantsNothing() {
        PolicyCheck check = bind(thing("t1").build(), document(
                allow("iot:Subscribe", "topic/$aws/events/jobExecution/*")));
        assertThat(allowed(check, "iot:Subscribe", "topicfilter/$aws/events/jobExecution/job1/succeeded"))
                .isFalse();
    }

    /** [EVT]: {@code arn:aws:iot:region:account:/$aws/events/*} has no resource type and matches nothing real. */
    @Test
    void defectEventArnWithoutResourceTypeMatchesNothing() {
        PolicyCheck check = bind(client("c").build(), document("{\"Effect\":\"Allow\",\"Action\":[\"iot:Subscribe\","
                + "\"iot:Receive\"],\"Resource\":\"arn:aws:iot:us-east-1:123456789012:/$aws/events/*\"}"));
        assertThat(allowed(check, "iot:Subscribe", "topicfilter/$aws/events/presence/connected/+")).isFalse();
        assertThat(allowed(check, "iot:Receive", "topic/$aws/events/presence/connected/c")).isFalse();
    }

    @Test
    void unknownConditionKeysAreWarnedAboutAndAbsent() {
        CompiledPolicy compiled = CompiledPolicy.compile("p", "1", document("{\"Effect\":\"Allow\",\"Action\":"
                + "\"iot:Connect\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"iot:Thing.ThingName\":\"a\"}}}"));
        assertThat(compiled.warnings()).containsExactly("Statement[0].Condition.StringEquals tests iot:Thing.ThingName, "
                + "which is not an AWS IoT condition key and is always absent; did you mean "
                + "iot:Connection.Thing.ThingName?");
        assertThat(PolicySet.of(List.of(compiled)).bind(thing("a").build()).decide("iot:Connect", arn("client/a"))
                .allowed()).isFalse();
    }

    /** [RET]: the first example's misplaced braces are refused, naming JSON as the problem. */
    @Test
    void defectInvalidJsonIsRefused() {
        String misplaced = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"iot:Publish\",\"iot:RetainPublish\"]},\"Resource\":\"" + arn("topic/device/sample/configuration")
                + "\"}]}";
        assertThatThrownBy(() -> CompiledPolicy.compile("p", "1", misplaced))
                .isInstanceOf(PolicyCompileException.class).hasMessageContaining("not valid JSON");
    }

    /** [PUBSUB]: ${iot:Thing.ThingName} is not a variable: it never resolves, and compiling says so. */
    @Test
    void defectThingThingNameNeverResolvesAndIsWarnedAbout() {
        String policy = document(allow("iot:Publish", "topic/${iot:Thing.ThingName}/*"));
        CompiledPolicy compiled = CompiledPolicy.compile("p", "1", policy);
        assertThat(compiled.warnings()).containsExactly("Statement[0] uses ${iot:Thing.ThingName}, which is not an "
                + "AWS IoT policy variable and never resolves; did you mean ${iot:Connection.Thing.ThingName}?");
        PolicyCheck check = PolicySet.of(List.of(compiled)).bind(thing("t1").put("iot:Thing.ThingName", "t1").build());
        assertThat(allowed(check, "iot:Publish", "topic/t1/x")).isFalse();
    }
}
