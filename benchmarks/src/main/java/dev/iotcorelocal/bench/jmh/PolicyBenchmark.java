package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.policy.CompiledPolicy;
import dev.iotcorelocal.policy.ContextKeys;
import dev.iotcorelocal.policy.Decision;
import dev.iotcorelocal.policy.MapRequestContext;
import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.policy.PolicySet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The policy engine on a realistic per-thing policy: 10 statements, every resource built from
 * ${iot:Connection.Thing.ThingName}, two Deny statements walked before any Allow, one condition.
 * decide* is the per-packet cost (PUBLISH, SUBSCRIBE, each delivery); bind is the per-connection
 * cost (at CONNECT and after a policy change).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyBenchmark {
    private static final String ARN = "arn:aws:iot:us-east-1:123456789012:";
    private static final String THING = "${iot:Connection.Thing.ThingName}";
    static final String PER_THING_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + statement("Deny", "\"iot:Publish\"", "topic/things/" + THING + "/telemetry/debug")
            + "," + statement("Deny", "\"iot:Receive\"", "topic/things/" + THING + "/commands/internal/*")
            + "," + statement("Allow", "\"iot:Connect\"", "client/" + THING)
            + "," + statement("Allow", "\"iot:Publish\"", "topic/things/" + THING + "/telemetry/*")
            + "," + statement("Allow", "[\"iot:Publish\",\"iot:RetainPublish\"]", "topic/things/" + THING + "/state")
            + "," + statement("Allow", "\"iot:Subscribe\"", "topicfilter/things/" + THING + "/commands/*")
            + "," + statement("Allow", "\"iot:Receive\"", "topic/things/" + THING + "/commands/*")
            + "," + statement("Allow", "[\"iot:Publish\",\"iot:Receive\"]", "topic/$aws/things/" + THING + "/shadow/*")
            + "," + statement("Allow", "\"iot:Subscribe\"", "topicfilter/$aws/things/" + THING + "/shadow/*")
            + ",{\"Effect\":\"Allow\",\"Action\":[\"iot:Subscribe\",\"iot:Receive\"],\"Resource\":[\"" + ARN
            + "topicfilter/fleet/broadcast\",\"" + ARN + "topic/fleet/broadcast\"],"
            + "\"Condition\":{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}}"
            + "]}";

    private PolicySet policies;
    private MapRequestContext context;
    private PolicyCheck check;
    private String allowedAction = "iot:Publish";
    private String allowedTopic = ARN + "topic/things/sensor-0042/telemetry/temperature";
    private String deniedTopic = ARN + "topic/things/sensor-0042/telemetry/debug";
    private String otherThingsTopic = ARN + "topic/things/sensor-0043/telemetry/temperature";
    private String receiveAction = "iot:Receive";
    private String broadcastTopic = ARN + "topic/fleet/broadcast";

    private static String statement(String effect, String actions, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + actions + ",\"Resource\":\"" + ARN + resource + "\"}";
    }

    @Setup
    public void setUp() {
        policies = PolicySet.of(List.of(CompiledPolicy.compile("per-thing", "1", PER_THING_POLICY)));
        context = MapRequestContext.builder().put(ContextKeys.CLIENT_ID, "sensor-0042")
                .put(ContextKeys.THING_NAME, "sensor-0042").put(ContextKeys.THING_IS_ATTACHED, "true")
                .put(ContextKeys.SOURCE_IP, "127.0.0.1").build();
        check = policies.bind(context);
        if (!check.decide(allowedAction, allowedTopic).allowed() || check.decide(allowedAction, deniedTopic).allowed()
                || check.decide(allowedAction, otherThingsTopic).allowed()
                || !check.decide(receiveAction, broadcastTopic).allowed()) {
            throw new IllegalStateException("the benchmark's policy does not decide as intended");
        }
    }

    /** A PUBLISH the policy allows (statement 3, after both Deny statements). */
    @Benchmark
    public Decision decideAllow() {
        return check.decide(allowedAction, allowedTopic);
    }

    /** A PUBLISH an explicit Deny refuses (statement 0). */
    @Benchmark
    public Decision decideExplicitDeny() {
        return check.decide(allowedAction, deniedTopic);
    }

    /** Another thing's topic: every statement is tried, none applies. */
    @Benchmark
    public Decision decideImplicitDeny() {
        return check.decide(allowedAction, otherThingsTopic);
    }

    /** A delivery allowed by the last statement (the conditional one). */
    @Benchmark
    public Decision decideReceiveLastStatement() {
        return check.decide(receiveAction, broadcastTopic);
    }

    /** Binding the policy set to a connection: substitution and condition evaluation, once per CONNECT. */
    @Benchmark
    public PolicyCheck bind() {
        return policies.bind(context);
    }
}
