package dev.iotcorelocal.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.delivery.CompositeTap;
import dev.iotcorelocal.delivery.MessageTap;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.Subscription;
import dev.iotcorelocal.routing.TopicFilter;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.rules.ActionRegistry;
import dev.iotcorelocal.rules.InMemoryRuleStore;
import dev.iotcorelocal.rules.RuleCompiler;
import dev.iotcorelocal.rules.RulesEngine;
import dev.iotcorelocal.rules.TopicRules;
import dev.iotcorelocal.rules.action.republish.RepublishActionFactory;
import dev.iotcorelocal.rules.sql.AwsIotSqlCompiler;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.Session;
import dev.iotcorelocal.session.SessionRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What topic rules that do not match a topic add to routing it (issue 16: at most 5% of plain
 * publish throughput): one message routed to one online subscriber through the broker's taps (a
 * shadow-like tap and the rules tap), with 0 or 100 rules whose FROM filters the topic misses.
 * The difference between the two, against the broker's CPU time per message under load (see
 * docs/benchmarks.md), is the cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RulesTapBenchmark {
    @Param({"0", "100"})
    public int rules;

    private Router router;
    private Session session;
    private RulesEngine engine;
    private Message message;

    @Setup
    public void setUp() {
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(false);
        SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index,
                new ManualTime(Instant.EPOCH), 1_000);
        session = registry.attach("sub", MqttVersion.V5, true, 0, IdleOwner.INSTANCE).session();
        Subscription subscription = new Subscription("sub", TopicFilter.parse("bench/run/#"), 0, false, false, 0);
        session.addSubscription(subscription);
        index.add(subscription);

        InMemoryRuleStore store = new InMemoryRuleStore(false);
        TopicRules topicRules = new TopicRules(store, new RuleCompiler(new AwsIotSqlCompiler("123456789012"),
                new ActionRegistry(List.of(new RepublishActionFactory((topic, payload, qos, properties) -> null))),
                URI.create("http://127.0.0.1:1"), "us-east-1", "123456789012"), Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < rules; i++) {
            topicRules.create("nomatch_" + i, json.createObjectNode()
                    .put("sql", "SELECT * FROM 'fleet/" + i + "/+/telemetry'")
                    .set("actions", json.createArrayNode().add(json.createObjectNode().set("republish",
                            json.createObjectNode().put("topic", "out/" + i)
                                    .put("roleArn", "arn:aws:iam::123456789012:role/r")))), 200);
        }
        engine = RulesEngine.start(store, Clock.systemUTC(), 1, 1_000, 8);
        MessageTap shadowLike = m -> {
            if (m.topic().startsWith("$aws/things/")) {
                throw new IllegalStateException("not a shadow topic");
            }
        };
        router = new Router(index, registry, new RetainedStore<>(), Clock.systemUTC());
        router.tap(CompositeTap.of(List.of(shadowLike, engine.tap())));
        message = new Message("bench/run/in/3", new byte[64], 0, false, PublishProperties.EMPTY, Message.NEVER,
                "publisher");
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public int route() {
        int routed = router.route(message);
        session.poll();
        session.drainedEmpty();
        return routed;
    }
}
