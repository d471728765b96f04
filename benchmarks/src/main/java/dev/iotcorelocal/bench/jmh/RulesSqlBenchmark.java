package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.rules.sql.AwsIotSqlCompiler;
import dev.iotcorelocal.rules.sql.CompiledQuery;
import dev.iotcorelocal.rules.sql.CompiledTemplate;
import dev.iotcorelocal.rules.sql.QueryResult;
import dev.iotcorelocal.rules.sql.RuleInput;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.SqlVersion;
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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The rules SQL per message: issue 16's rule {@code SELECT *, topic(2) AS device FROM 'dt/+/temp'
 * WHERE temp > 50} on a ~100-byte JSON payload. Each operation is one new message, so the JSON
 * parse (once per message, shared by every rule) is included; {@code evaluateParsed} leaves it out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RulesSqlBenchmark {
    static final String SQL = "SELECT *, topic(2) AS device FROM 'dt/+/temp' WHERE temp > 50";
    private static final byte[] HOT = ("{\"deviceId\":\"sensor-0042\",\"temp\":71.5,\"humidity\":40.2,"
            + "\"battery\":87,\"status\":\"ok\",\"ts\":1700000000123}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] COLD = ("{\"deviceId\":\"sensor-0042\",\"temp\":21.5,\"humidity\":40.2,"
            + "\"battery\":87,\"status\":\"ok\",\"ts\":1700000000123}").getBytes(StandardCharsets.UTF_8);

    private CompiledQuery query;
    private CompiledTemplate republishTopic;
    private RuleInput parsedHot;

    @Setup
    public void setUp() throws SqlParseException {
        AwsIotSqlCompiler compiler = new AwsIotSqlCompiler();
        query = compiler.compile(SQL, SqlVersion.V2016_03_23);
        republishTopic = compiler.template("alerts/${topic(2)}", SqlVersion.V2016_03_23);
        parsedHot = message(HOT);
        parsedHot.json();
        if (!(query.evaluate(message(HOT)) instanceof QueryResult.Selected)
                || !(query.evaluate(message(COLD)) instanceof QueryResult.NotSelected)
                || !republishTopic.render(parsedHot).equals("alerts/sensor-0042")) {
            throw new IllegalStateException("the benchmark's rule does not select as intended");
        }
    }

    private static RuleInput message(byte[] payload) {
        return new RuleInput("dt/sensor-0042/temp", payload, PublishProperties.EMPTY, "sensor-0042", null,
                "127.0.0.1", null, 1_700_000_000_123L);
    }

    /** WHERE true: parse, WHERE, merge topic(2) into the payload, serialize. */
    @Benchmark
    public QueryResult evaluateMatching() {
        return query.evaluate(message(HOT));
    }

    /** WHERE false: parse and WHERE only. */
    @Benchmark
    public QueryResult evaluateNotMatching() {
        return query.evaluate(message(COLD));
    }

    /** WHERE true on a message another rule already parsed. */
    @Benchmark
    public QueryResult evaluateParsed() {
        return query.evaluate(parsedHot);
    }

    /** The republish topic template of the same rule. */
    @Benchmark
    public String renderTopicTemplate() {
        return republishTopic.render(parsedHot);
    }
}
