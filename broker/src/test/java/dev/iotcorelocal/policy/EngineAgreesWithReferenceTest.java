package dev.iotcorelocal.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled, bound engine decides exactly as {@link ReferenceInterpreter} on generated policies
 * (effects, Action/NotAction, Resource/NotResource with '*', '?', literal '+' and '#', escapes,
 * known and unknown variables in any case, conditions, with and without Version) and generated
 * callers and requests. jqwik prints the seed of a failure and replays it on the next run; to pin
 * one, add {@code seed = "..."} to the annotation.
 */
class EngineAgreesWithReferenceTest {
    private static final List<String> ACTIONS = List.of("iot:Publish", "iot:Subscribe", "iot:Receive",
            "iot:Connect", "iot:RetainPublish", "iot:*", "IOT:pub*", "iot:?ublish", "*");
    private static final List<String> REQUEST_ACTIONS = List.of("iot:Publish", "iot:Subscribe", "iot:Receive",
            "iot:Connect", "iot:RetainPublish", "iot:publish");
    private static final List<String> TYPES = List.of("topic/", "topicfilter/", "client/");
    private static final List<String> PATTERN_TOKENS = List.of("a", "b", "/", "+", "#", "*", "?", "${iot:ClientId}",
            "${IOT:CLIENTID}", "${iot:Connection.Thing.ThingName}", "${iot:Thing.ThingName}", "${*}", "${?}", "${$}",
            "$");
    private static final List<String> REQUEST_TOKENS = List.of("a", "b", "/", "+", "#", "*", "?", "$", "ab", "a*");
    private static final List<String> CONDITIONS = List.of(
            "{\"StringEquals\":{\"iot:ClientId\":[\"a\",\"ab\"]}}",
            "{\"StringEquals\":{\"iot:clientid\":\"${iot:Connection.Thing.ThingName}\"}}",
            "{\"StringEqualsIfExists\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}",
            "{\"StringNotEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}",
            "{\"StringLike\":{\"iot:Connection.Thing.ThingName\":\"a*\"}}",
            "{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}",
            "{\"Null\":{\"iot:Connection.Thing.ThingName\":\"true\"}}",
            "{\"ForAnyValue:StringEquals\":{\"iot:ConnectAttributes\":[\"PersistentConnect\"]}}",
            "{\"ForAllValues:StringEquals\":{\"iot:ConnectAttributes\":[\"LastWill\"]}}",
            "{\"StringEquals\":{\"iot:Thing.ThingName\":\"a\"},\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}");
    private static final List<String> PREFIXES = List.of(Policies.PREFIX, "arn:aws:iot:*:*:", "arn:aws:iot:?s-*:");

    record Case(List<String> documents, MapRequestContext context, List<String[]> requests) {
    }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void compiledEngineDecidesAsTheReference(@ForAll("cases") Case generated) {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (int i = 0; i < generated.documents().size(); i++) {
            compiled.add(CompiledPolicy.compile("p" + i, "1", generated.documents().get(i)));
        }
        PolicyCheck check = PolicySet.of(compiled).bind(generated.context());
        for (String[] request : generated.requests()) {
            ReferenceInterpreter.Verdict expected = ReferenceInterpreter.decide(generated.documents(),
                    generated.context(), request[0], request[1]);
            Decision actual = check.decide(request[0], request[1]);
            String where = request[0] + " on " + request[1] + " for " + generated.context() + " under "
                    + generated.documents();
            assertThat(actual.outcome()).as(where).isEqualTo(expected.outcome());
            assertThat(actual.statementIndex()).as(where).isEqualTo(expected.statement());
            assertThat(actual.policyName()).as(where).isEqualTo(expected.policy() < 0 ? null : "p" + expected.policy());
            Statistics.label("outcome").collect(actual.outcome());
            // the hot path's shortcut: when it says "every resource of this type", the engine must agree
            boolean everything = check.allowsEvery(request[0], typePrefix(request[1]));
            Statistics.label("allowsEvery").collect(everything);
            if (everything) {
                assertThat(actual.outcome()).as("allowsEvery promised ALLOWED: " + where).isEqualTo(Outcome.ALLOWED);
            }
            Explanation explanation = check.explain(request[0], request[1]);
            assertThat(explanation.decision()).as(where).isEqualTo(actual);
            assertThat(explanation.text()).as(where).isNotBlank().doesNotContain("\n");
        }
    }

    /** {@code arn:aws:iot:<region>:<account>:<type>/}: the part of a request's resource before the name. */
    private static String typePrefix(String resource) {
        int at = 0;
        for (int colons = 0; colons < 5; colons++) {
            at = resource.indexOf(':', at) + 1;
        }
        return resource.substring(0, resource.indexOf('/', at) + 1);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<String>> documents = document().list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<List<String[]>> requests = request().list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(documents, context(), requests).as(Case::new);
    }

    private static Arbitrary<String> document() {
        Arbitrary<List<String>> statements = statement().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(statements, Arbitraries.integers().between(0, 9)).as((list, version) -> {
            String body = list.size() == 1 && version == 0 ? list.get(0) : "[" + String.join(",", list) + "]";
            return version < 8 ? "{\"Version\":\"2012-10-17\",\"Statement\":" + body + "}"
                    : "{\"Statement\":" + body + "}";
        });
    }

    private static Arbitrary<String> statement() {
        Arbitrary<String> effect = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just("Allow")), net.jqwik.api.Tuple.of(1, Arbitraries.just("Deny")));
        Arbitrary<List<String>> actions = Arbitraries.of(ACTIONS).list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<List<String>> resources = resourcePattern().list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<Integer> shape = Arbitraries.integers().between(0, 99);
        Arbitrary<String> condition = Arbitraries.of(CONDITIONS);
        return Combinators.combine(effect, actions, resources, shape, condition).as((e, a, r, s, c) -> {
            String actionKey = s % 7 == 0 ? "NotAction" : "Action";
            String resourceKey = s % 5 == 0 ? "NotResource" : "Resource";
            return "{\"Effect\":\"" + e + "\",\"" + actionKey + "\":" + json(a) + ",\"" + resourceKey + "\":"
                    + json(r) + (s < 35 ? ",\"Condition\":" + c : "") + "}";
        });
    }

    private static Arbitrary<String> resourcePattern() {
        Arbitrary<String> arn = Combinators.combine(Arbitraries.of(PREFIXES), Arbitraries.of(TYPES),
                Arbitraries.of(PATTERN_TOKENS).list().ofMaxSize(5)).as((p, t, tokens) -> p + t + String.join("", tokens));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, arn), net.jqwik.api.Tuple.of(1, Arbitraries.just("*")));
    }

    private static Arbitrary<String[]> request() {
        Arbitrary<String> resource = Combinators.combine(Arbitraries.of(Policies.PREFIX, "arn:aws:iot:eu-west-1:1:"),
                Arbitraries.of(TYPES), Arbitraries.of(REQUEST_TOKENS).list().ofMaxSize(5))
                .as((p, t, tokens) -> p + t + String.join("", tokens));
        return Combinators.combine(Arbitraries.of(REQUEST_ACTIONS), resource).as((a, r) -> new String[] {a, r});
    }

    private static Arbitrary<MapRequestContext> context() {
        Arbitrary<String> clientId = Arbitraries.of("a", "b", "ab", "a*", "+", "?", "${iot:ClientId}");
        Arbitrary<Integer> thing = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> attributes = Arbitraries.integers().between(0, 3);
        Arbitrary<Boolean> typed = Arbitraries.of(true, false);
        return Combinators.combine(clientId, thing, attributes, typed).as((id, t, attrs, type) -> {
            MapRequestContext.Builder builder = MapRequestContext.builder().put(ContextKeys.CLIENT_ID, id);
            if (t > 0) {
                builder.put(ContextKeys.THING_NAME, t == 1 ? id : t == 2 ? "a" : "b")
                        .put(ContextKeys.THING_IS_ATTACHED, "true");
                if (type) {
                    builder.put(ContextKeys.THING_TYPE_NAME, t == 2 ? "lamp" : "fan");
                }
            } else {
                builder.put(ContextKeys.THING_IS_ATTACHED, "false");
            }
            switch (attrs) {
                case 1 -> builder.putList(ContextKeys.CONNECT_ATTRIBUTES, List.of());
                case 2 -> builder.putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("PersistentConnect"));
                case 3 -> builder.putList(ContextKeys.CONNECT_ATTRIBUTES, List.of("LastWill", "PersistentConnect"));
                default -> { }
            }
            return builder.build();
        });
    }

    private static String json(List<String> values) {
        List<String> quoted = values.stream().map(v -> "\"" + v + "\"").toList();
        return values.size() == 1 ? quoted.get(0) : "[" + String.join(",", quoted) + "]";
    }
}
