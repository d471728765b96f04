package dev.iotcorelocal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.action.ActionEnvironment;
import dev.iotcorelocal.rules.action.ActionFactory;
import dev.iotcorelocal.rules.action.republish.RepublishActionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.iotcorelocal.rules.Rules.json;
import static dev.iotcorelocal.rules.Rules.message;
import static dev.iotcorelocal.rules.Rules.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The engine with the test compiler and recording actions: what runs, in which order, on which thread, and what is dropped. */
class RulesEngineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RecordingActions actions = new RecordingActions();
    private final InMemoryRuleStore store = new InMemoryRuleStore(false);
    private final List<AutoCloseable> engines = new ArrayList<>();

    private RulesEngine engine(int threads, int capacity, int maxDepth) {
        RulesEngine engine = RulesEngine.start(store, Rules.CLOCK, threads, capacity, maxDepth);
        engines.add(engine);
        return engine;
    }

    private TopicRules rules(ActionFactory... more) {
        List<ActionFactory> factories = new ArrayList<>(List.of(actions));
        factories.addAll(List.of(more));
        return Rules.topicRules(store, factories);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable engine : engines) {
            engine.close();
        }
    }

    @Test
    void theCountersMBeanAppearsWithTheFirstRuleAndGoesAtClose() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        TopicRules rules = rules();
        RulesEngine engine = engine(1, 16, 8);
        rules.onFirstRule(engine::publishOverJmx);
        assertThat(engine.jmxName()).as("no rule yet").isNull();

        rules.create("r", payload("SELECT * FROM 'dt/+'", "[{'record':{'name':'first'}}]"), 10);

        javax.management.ObjectName name = engine.jmxName();
        assertThat(name).isNotNull();
        assertThat(jmx.getAttribute(name, "DroppedMessages")).isEqualTo(0L);
        assertThat(jmx.getAttribute(name, "Counters").toString()).contains("matched");
        rules.create("s", payload("SELECT * FROM 'dt/+'", "[{'record':{'name':'second'}}]"), 10);
        assertThat(engine.jmxName()).as("registered once").isEqualTo(name);
        engine.close();
        assertThat(jmx.isRegistered(name)).isFalse();
        engine.publishOverJmx();
        assertThat(engine.jmxName()).as("not again after close").isNull();
    }

    @Test
    void aMatchedMessageRunsTheActionsInOrderOnARulesThreadWithThePublishersIdentity() {
        rules().create("r", payload("SELECT * FROM 'dt/+'", "[{'record':{'name':'first'}},{'record':{'name':'second'}}]"),
                10);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("dt/1", "{\"t\":1}", "device-1"));

        await().atMost(WAIT).until(() -> actions.runs.size() == 2);
        assertThat(actions.runs).extracting(RecordingActions.Run::name).containsExactly("first", "second");
        RecordingActions.Run run = actions.runs.get(0);
        assertThat(run.payload()).isEqualTo("{\"t\":1}");
        assertThat(run.topic()).isEqualTo("dt/1");
        assertThat(run.clientId()).isEqualTo("device-1");
        assertThat(run.principal()).isEqualTo("ab".repeat(32));
        assertThat(run.thread()).isEqualTo("rules-0");
        assertThat(engine.counters().get("r")).containsEntry("matched", 1L)
                .containsEntry("actions[0].RecordAction.succeeded", 1L);
    }

    @Test
    void oneMessageIsEvaluatedInPublishOrderAndAFalseWhereRunsNothing() {
        rules().create("r", payload("SELECT * FROM 'dt' WHERE temp > 50", "[{'record':{'name':'a'}}]"), 10);
        RulesEngine engine = engine(2, 16, 8);

        for (int temp : new int[] {60, 10, 70, 80}) {
            engine.tap().routed(message("dt", "{\"temp\":" + temp + "}", "device-1"));
        }
        engine.tap().routed(message("dt", "{\"temp\":99}", "device-1")); // marker: the last one

        await().atMost(WAIT).until(() -> actions.runs.size() == 4);
        assertThat(actions.runs).extracting(RecordingActions.Run::payload)
                .containsExactly("{\"temp\":60}", "{\"temp\":70}", "{\"temp\":80}", "{\"temp\":99}");
        assertThat(engine.counters().get("r")).containsEntry("matched", 4L).containsEntry("notMatched", 1L);
    }

    @Test
    void severalFailedActionsMakeOneErrorDocumentPerRuleAndMessage() throws Exception {
        rules().create("failing", errorPayload("SELECT * FROM 'a'",
                "[{'record':{'name':'x','outcome':'fail'}},{'record':{'name':'ok'}},{'record':{'name':'y','outcome':'fail'}}]"),
                10);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("a", "{\"v\":1}", "device-7"));
        engine.tap().routed(message("a", "{\"v\":2}", "device-7"));

        await().atMost(WAIT).until(() -> actions.runsOf("errors").size() == 2);
        JsonNode document = Rules.JSON.readTree(actions.runsOf("errors").get(0).payload());
        assertThat(document.fieldNames()).toIterable().containsExactly("ruleName", "topic", "cloudwatchTraceId",
                "clientId", "base64OriginalPayload", "failures");
        assertThat(document.get("ruleName").asText()).isEqualTo("failing");
        assertThat(document.get("topic").asText()).isEqualTo("a");
        assertThat(document.get("clientId").asText()).isEqualTo("device-7");
        assertThat(document.get("cloudwatchTraceId").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Base64.getDecoder().decode(document.get("base64OriginalPayload").asText()))
                .isEqualTo("{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(document.get("failures")).isEqualTo(json("[{'failedAction':'RecordAction','failedResource':"
                + "'resource-x','errorMessage':'x failed'},{'failedAction':'RecordAction','failedResource':"
                + "'resource-y','errorMessage':'y failed'}]"));
        assertThat(engine.counters().get("failing")).containsEntry("actions[0].RecordAction.failed", 2L)
                .containsEntry("actions[1].RecordAction.succeeded", 2L);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode errorPayload(String sql, String actions) {
        var payload = payload(sql, actions);
        payload.set("errorAction", json("{'record':{'name':'errors'}}"));
        return payload;
    }

    @Test
    void aFailedSqlEvaluationFeedsTheErrorAction() throws Exception {
        rules().create("broken", errorPayload("SELECT fail() FROM 'a'", "[{'record':{'name':'never'}}]"), 10);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("a", "{}", null));

        await().atMost(WAIT).until(() -> actions.runsOf("errors").size() == 1);
        JsonNode document = Rules.JSON.readTree(actions.runsOf("errors").get(0).payload());
        assertThat(document.get("clientId").asText()).isEqualTo("n/a");
        assertThat(document.get("failures").get(0).get("errorMessage").asText()).isEqualTo("fail() was called");
        assertThat(actions.runsOf("never")).isEmpty();
        assertThat(engine.counters().get("broken")).containsEntry("failed", 1L);
    }

    @Test
    void aHangingActionDelaysNeitherOtherRulesNorLaterMessages() {
        rules().create("slow", errorPayload("SELECT * FROM 'a'", "[{'record':{'name':'hang','outcome':'hang'}}]"), 10);
        rules().create("fast", payload("SELECT * FROM 'a'", "[{'record':{'name':'quick'}}]"), 10);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("a", "1", "d"));
        engine.tap().routed(message("a", "2", "d"));

        await().atMost(WAIT).until(() -> actions.runsOf("quick").size() == 2);
        assertThat(actions.runsOf("hang")).hasSize(2);
        assertThat(actions.runsOf("errors")).isEmpty();
        actions.release("hang");
        assertThat(engine.counters().get("slow")).containsEntry("actions[0].RecordAction.succeeded", 2L);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingThePublisher() throws Exception {
        rules().create("r", payload("SELECT * FROM 'a'", "[{'record':{'name':'gate'}}]"), 10);
        AtomicReference<Thread> blocker = new AtomicReference<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // An action that blocks its rules thread until released: the queue behind it fills.
        ActionFactory blocking = new ActionFactory() {
            @Override
            public String key() {
                return "block";
            }

            @Override
            public dev.iotcorelocal.rules.action.RuleAction create(JsonNode spec, ActionEnvironment environment) {
                return new dev.iotcorelocal.rules.action.RuleAction() {
                    @Override
                    public String failedActionName() {
                        return "BlockAction";
                    }

                    @Override
                    public String failedResource(dev.iotcorelocal.rules.action.ActionRequest request) {
                        return "block";
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<Void> run(
                            dev.iotcorelocal.rules.action.ActionRequest request) {
                        blocker.set(Thread.currentThread());
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return java.util.concurrent.CompletableFuture.completedFuture(null);
                    }
                };
            }
        };
        rules(blocking).create("b", payload("SELECT * FROM 'b'", "[{'block':{}}]"), 10);
        RulesEngine engine = engine(1, 1, 8);

        engine.tap().routed(message("b", "holds the thread", "d"));
        await().atMost(WAIT).until(() -> blocker.get() != null);
        engine.tap().routed(message("a", "queued", "d"));
        engine.tap().routed(message("a", "dropped", "d"));
        assertThat(engine.droppedMessages()).isEqualTo(1);
        assertThat(engine.counters().get("r")).containsEntry("dropped", 1L);
        assertThat(java.lang.management.ManagementFactory.getPlatformMBeanServer()
                .getAttribute(engine.jmxName(), "DroppedMessages")).as("over JMX").isEqualTo(1L);

        release.countDown();
        await().atMost(WAIT).until(() -> actions.runsOf("gate").size() == 1);
        assertThat(actions.runsOf("gate").get(0).payload()).isEqualTo("queued");
    }

    @Test
    void aRuleRepublishingToItsOwnFilterIsCappedAtTheMaximumDepth() {
        AtomicReference<RulesEngine> engine = new AtomicReference<>();
        List<String> republished = new java.util.concurrent.CopyOnWriteArrayList<>();
        RepublishActionFactory republish = new RepublishActionFactory((topic, payload, qos, properties) -> {
            republished.add(topic);
            engine.get().tap().routed(new Message(topic, payload, qos, false, properties, Message.NEVER, null));
            return null;
        });
        rules(republish).create("loop", payload("SELECT * FROM 'loop'", "[{'republish':{'topic':'loop'}}]"), 10);
        rules().create("after", payload("SELECT * FROM 'marker'", "[{'record':{'name':'marker'}}]"), 10);
        engine.set(engine(1, 64, 3));

        engine.get().tap().routed(message("loop", "{}", "d"));
        engine.get().tap().routed(message("marker", "{}", "d"));

        await().atMost(WAIT).until(() -> actions.runsOf("marker").size() == 1);
        // the device's message and 3 republishes deep are evaluated; the 4th republish is not
        await().atMost(WAIT).until(() -> engine.get().counters().get("loop").get("dropped") == 1L);
        assertThat(republished).hasSize(4);
        assertThat(engine.get().counters().get("loop")).containsEntry("matched", 4L);
    }

    @Test
    void basicIngestGoesToTheNamedRuleOnlyWithTopicSeeingTheRest() {
        rules().create("Ingest", payload("SELECT * FROM 'ignored/#'", "[{'record':{'name':'ingest'}}]"), 10);
        rules().create("everything", payload("SELECT * FROM '#'", "[{'record':{'name':'all'}}]"), 10);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("$aws/rules/Ingest/Buildings/Building5/Floor2", "{}", "d"));
        engine.tap().routed(message("$aws/rules/Unknown/x", "{}", "d"));
        engine.tap().routed(message("marker", "{}", "d"));

        await().atMost(WAIT).until(() -> actions.runsOf("all").size() == 1);
        assertThat(actions.runsOf("all").get(0).topic()).isEqualTo("marker");
        assertThat(actions.runsOf("ingest")).extracting(RecordingActions.Run::topic)
                .containsExactly("Buildings/Building5/Floor2");
    }

    @Test
    void aDisabledRuleIgnoresBasicIngest() {
        TopicRules rules = rules();
        rules.create("Ingest", payload("SELECT *", "[{'record':{'name':'ingest'}}]"), 10);
        rules.create("marker", payload("SELECT * FROM 'marker'", "[{'record':{'name':'marker'}}]"), 10);
        rules.setDisabled("Ingest", true);
        RulesEngine engine = engine(1, 16, 8);

        engine.tap().routed(message("$aws/rules/Ingest", "{}", "d"));
        engine.tap().routed(message("marker", "{}", "d"));

        await().atMost(WAIT).until(() -> actions.runsOf("marker").size() == 1);
        assertThat(actions.runsOf("ingest")).isEmpty();
    }

    @Test
    void messagesNoRuleWantsAreNotQueued() {
        rules().create("r", payload("SELECT * FROM 'a/b'", "[{'record':{'name':'a'}}]"), 10);
        RulesEngine engine = engine(1, 1, 8);

        for (int i = 0; i < 100; i++) {
            engine.tap().routed(new Message("x/" + i, new byte[0], 0, false, PublishProperties.EMPTY, Message.NEVER,
                    "d"));
        }

        assertThat(engine.droppedMessages()).isZero();
        assertThat(engine.counters().get("r")).containsEntry("matched", 0L).containsEntry("notMatched", 0L);
    }
}
