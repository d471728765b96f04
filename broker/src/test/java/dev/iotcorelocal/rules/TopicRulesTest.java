package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.iotcorelocal.rules.Rules.json;
import static dev.iotcorelocal.rules.Rules.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateTopicRule and the rest over the store: AWS's checks, the refusals' kinds, what Get and List show. */
class TopicRulesTest {
    private final RecordingActions actions = new RecordingActions();
    private final InMemoryRuleStore store = new InMemoryRuleStore(false);
    private final TopicRules rules = Rules.topicRules(store, List.of(actions));

    @Test
    void aCreatedRuleHasAwsArnTheDefaultSqlVersionAndThePayloadAsGiven() {
        ObjectNode payload = payload("SELECT * FROM 'dt/+/temp'", "[{'record':{'name':'a'}}]");
        payload.put("description", "temperatures");

        rules.create("temp_rule", payload, 100);

        TopicRule rule = rules.get("temp_rule");
        assertThat(rule.arn()).isEqualTo("arn:aws:iot:eu-west-1:123456789012:rule/temp_rule");
        assertThat(rule.awsIotSqlVersion()).isEqualTo("2015-10-08");
        assertThat(rule.sql()).isEqualTo("SELECT * FROM 'dt/+/temp'");
        assertThat(rule.description()).isEqualTo("temperatures");
        assertThat(rule.actions()).containsExactly(json("{'record':{'name':'a'}}"));
        assertThat(rule.createdAt()).isEqualTo(Rules.CLOCK.instant());
        assertThat(rule.disabled()).isFalse();
        assertThat(rule.errorAction()).isNull();
    }

    @Test
    void theFirstRuleHookRunsOnceWhenASecondCreateLandsBeforeTheFirstLooks() throws Exception {
        // Create "a" is held just after its update, until create "b" has updated too: then the store
        // holds two rules, and only "a"'s own update can tell it made the first.
        InMemoryRuleStore delegate = new InMemoryRuleStore(false);
        java.util.concurrent.CountDownLatch firstApplied = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondApplied = new java.util.concurrent.CountDownLatch(1);
        RuleStore interleaving = new RuleStore() {
            @Override
            public RuleSet current() {
                return delegate.current();
            }

            @Override
            public RuleSet update(java.util.function.UnaryOperator<RuleSet> change) {
                RuleSet result = delegate.update(change);
                if (firstApplied.getCount() == 1) {
                    firstApplied.countDown();
                    await(secondApplied);
                } else {
                    secondApplied.countDown();
                }
                return result;
            }
        };
        java.util.concurrent.atomic.AtomicInteger hooks = new java.util.concurrent.atomic.AtomicInteger();
        TopicRules racing = Rules.topicRules(interleaving, List.of(actions));
        racing.onFirstRule(hooks::incrementAndGet);
        Thread first = new Thread(() -> racing.create("a", payload("SELECT * FROM 'x'", "[]"), 10));
        first.start();
        await(firstApplied);

        racing.create("b", payload("SELECT * FROM 'x'", "[]"), 10);
        first.join(10_000);

        assertThat(first.isAlive()).isFalse();
        assertThat(racing.current().size()).isEqualTo(2);
        assertThat(hooks).hasValue(1);
        racing.onFirstRule(() -> { throw new AssertionError("not for a third rule"); });
        racing.create("c", payload("SELECT * FROM 'x'", "[]"), 10);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertThat(latch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void namesAreCheckedAsAwsChecksThem() {
        ObjectNode payload = payload("SELECT * FROM 'a'", "[]");
        for (String bad : new String[] {"with-hyphen", "", "x".repeat(129), "space here"}) {
            assertThatThrownBy(() -> rules.create(bad, payload, 10)).isInstanceOf(RuleException.class)
                    .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.INVALID))
                    .hasMessageContaining("ruleName");
        }
        rules.create("x".repeat(128), payload, 10);
        assertThat(rules.get("x".repeat(128)).name()).hasSize(128);
    }

    @Test
    void payloadsAreCheckedMemberByMember() {
        assertInvalid(json("{'actions':[]}"), 10, "sql is required");
        assertInvalid(json("{'sql':'SELECT * FROM `a`'}"), 10, "actions is required");
        assertInvalid(payload("SELECT * FROM 'a'", "[" + "{'record':{'name':'a'}},".repeat(10)
                + "{'record':{'name':'a'}}]"), 10, "at most 10 actions");
        assertInvalid(payload("SELECT * FROM 'a'", "[{'record':{'name':'a'},'sqs':{}}]"), 10, "actions[0]");
        assertInvalid(payload("SELECT * FROM 'a'", "[]").put("awsIotSqlVersion", "2020-01-01"), 10,
                "awsIotSqlVersion");
        assertInvalid(payload("SELECT * FROM 'a'", "[]"), RulePayload.MAX_BYTES + 1, "262144");
        ObjectNode disabledAsText = payload("SELECT * FROM 'a'", "[]");
        disabledAsText.put("ruleDisabled", "yes");
        assertInvalid(disabledAsText, 10, "ruleDisabled");
    }

    private void assertInvalid(com.fasterxml.jackson.databind.JsonNode payload, int size, String message) {
        assertThatThrownBy(() -> rules.create("r", payload, size)).isInstanceOf(RuleException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.INVALID));
        assertThat(store.current().get("r")).isNull();
    }

    @Test
    void badSqlIsASqlParseExceptionWithItsPosition() {
        assertThatThrownBy(() -> rules.create("r", payload("SELECT nonsense", "[]"), 10))
                .isInstanceOf(RuleException.class)
                .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.SQL_PARSE))
                .hasMessageContaining("line 1, column 8");
    }

    @Test
    void anInvalidFromFilterIsRefusedAsSql() {
        assertThatThrownBy(() -> rules.create("r", payload("SELECT * FROM 'a/#/b'", "[]"), 10))
                .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.SQL_PARSE))
                .hasMessageContaining("a/#/b");
    }

    @Test
    void aSecondCreateOfTheSameNameIsRefusedAndTheFirstStays() {
        rules.create("r", payload("SELECT * FROM 'a'", "[]"), 10);
        assertThatThrownBy(() -> rules.create("r", payload("SELECT * FROM 'b'", "[]"), 10))
                .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.ALREADY_EXISTS));
        assertThat(rules.get("r").sql()).isEqualTo("SELECT * FROM 'a'");
    }

    @Test
    void aMissingRuleIsNotFoundForEveryOperation() {
        ObjectNode payload = payload("SELECT * FROM 'a'", "[]");
        for (Runnable call : List.<Runnable>of(() -> rules.get("none"), () -> rules.delete("none"),
                () -> rules.setDisabled("none", true), () -> rules.replace("none", payload, 10))) {
            assertThatThrownBy(call::run).isInstanceOf(RuleException.class)
                    .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.NOT_FOUND));
        }
    }

    @Test
    void replaceKeepsNameArnAndCreationTimeAndTakesTheNewFilter() {
        rules.create("r", payload("SELECT * FROM 'a'", "[]"), 10);
        rules.replace("r", payload("SELECT * FROM 'b/+'", "[{'record':{'name':'x'}}]"), 10);

        assertThat(rules.get("r").sql()).isEqualTo("SELECT * FROM 'b/+'");
        assertThat(rules.get("r").actions()).hasSize(1);
        assertThat(store.current().matching("a")).isEmpty();
        assertThat(store.current().matching("b/1")).extracting(CompiledRule::name).containsExactly("r");
    }

    @Test
    void aDisabledRuleIsListedButNotMatchedUntilEnabled() {
        rules.create("r", payload("SELECT * FROM 'a/#'", "[]"), 10);
        rules.setDisabled("r", true);
        assertThat(store.current().matching("a/b")).isEmpty();
        assertThat(rules.list(null, true)).extracting(TopicRule::name).containsExactly("r");
        assertThat(rules.list(null, false)).isEmpty();

        rules.setDisabled("r", false);
        assertThat(store.current().matching("a/b")).extracting(CompiledRule::name).containsExactly("r");
    }

    @Test
    void listFiltersByATopicTheFromFilterMatchesOrNames() {
        rules.create("b_rule", payload("SELECT * FROM 'a/+'", "[]"), 10);
        rules.create("a_rule", payload("SELECT * FROM 'other'", "[]"), 10);

        assertThat(rules.list(null, null)).extracting(TopicRule::name).containsExactly("a_rule", "b_rule");
        assertThat(rules.list("a/x", null)).extracting(TopicRule::name).containsExactly("b_rule");
        assertThat(rules.list("a/+", null)).extracting(TopicRule::name).containsExactly("b_rule");
        assertThat(rules.list("nothing", null)).isEmpty();
    }

    @Test
    void deleteRemovesTheRuleFromTheIndex() {
        rules.create("r", payload("SELECT * FROM 'a'", "[]"), 10);
        rules.delete("r");
        assertThat(store.current().matching("a")).isEmpty();
        assertThat(rules.list(null, null)).isEmpty();
    }

    @Test
    void anActionKeyNobodyRegisteredLoadsAndFailsAsNotEmulated() {
        rules.create("r", payload("SELECT * FROM 'a'", "[{'lambda':{'functionArn':'arn:aws:lambda:x'}}]"), 10);

        var action = store.current().get("r").actions().get(0);
        assertThat(action.failedActionName()).isEqualTo("LambdaAction");
        assertThat(action.run(null).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void atMostAThousandRules() {
        ObjectNode payload = payload("SELECT * FROM 'a'", "[]");
        for (int i = 0; i < TopicRules.MAX_RULES; i++) {
            rules.create("r" + i, payload, 10);
        }
        assertThatThrownBy(() -> rules.create("one_more", payload, 10))
                .satisfies(e -> assertThat(((RuleException) e).kind()).isEqualTo(RuleException.Kind.LIMIT_EXCEEDED));
    }
}
