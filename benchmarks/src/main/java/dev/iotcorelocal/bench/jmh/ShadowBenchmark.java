package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.shadow.Answers;
import dev.iotcorelocal.shadow.InMemoryShadowStore;
import dev.iotcorelocal.shadow.ShadowEngine;
import dev.iotcorelocal.shadow.ShadowKey;
import dev.iotcorelocal.shadow.ShadowOperation;
import dev.iotcorelocal.shadow.ShadowResult;
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
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The shadow engine on a 4 KB document (48 desired and 48 reported objects, nested one level,
 * half of them differing so the delta is never empty): an update of one desired key (merge,
 * delta, accepted + delta + documents written), an update rewriting the whole 4 KB state, and a
 * get (the document with its delta). Each update alternates between two values, so none is a
 * no-op and the document stays 4 KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShadowBenchmark {
    private static final ShadowKey KEY = ShadowKey.classic("bench-thing");
    private static final byte[] EMPTY = new byte[0];
    private static final Answers NO_DOCUMENTS = new Answers(true, true, false);
    private ShadowEngine engine;
    private byte[][] oneKey;
    private byte[][] whole;
    private int turn;

    @Setup
    public void setUp() {
        engine = new ShadowEngine(new InMemoryShadowStore(), new ManualTime(Instant.parse("2026-12-01T00:00:00Z")).clock());
        whole = new byte[][] {document(0), document(1)};
        oneKey = new byte[][] {bytes("{\"state\":{\"desired\":{\"group07\":{\"setting\":\"value-a\"}}}}"),
                bytes("{\"state\":{\"desired\":{\"group07\":{\"setting\":\"value-b\"}}}}")};
        ShadowResult created = engine.handle(KEY, ShadowOperation.UPDATE, whole[0]);
        if (!created.accepted()) {
            throw new IllegalStateException(new String(created.response(), StandardCharsets.UTF_8));
        }
    }

    /** About 4 KB of state: 48 groups in desired and in reported, every other one differing. */
    private static byte[] document(int variant) {
        StringBuilder desired = new StringBuilder();
        StringBuilder reported = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            String group = String.format("\"group%02d\":{\"setting\":\"value-%d\",\"level\":%d}", i, variant, i);
            desired.append(i == 0 ? "" : ",").append(group);
            reported.append(i == 0 ? "" : ",").append(i % 2 == 0 ? group
                    : String.format("\"group%02d\":{\"setting\":\"old\",\"level\":%d}", i, i));
        }
        return bytes("{\"state\":{\"desired\":{" + desired + "},\"reported\":{" + reported + "}}}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ShadowResult updateOneDesiredKeyOf4KbDocument() {
        return engine.handle(KEY, ShadowOperation.UPDATE, oneKey[turn++ & 1]);
    }

    /** The device SDKs' case: accepted and delta have subscribers, update/documents has none, so it is not written. */
    @Benchmark
    public ShadowResult updateOneDesiredKeyNobodyOnDocuments() {
        return engine.handle(KEY, ShadowOperation.UPDATE, oneKey[turn++ & 1], NO_DOCUMENTS);
    }

    @Benchmark
    public ShadowResult updateWhole4KbState() {
        return engine.handle(KEY, ShadowOperation.UPDATE, whole[turn++ & 1]);
    }

    @Benchmark
    public ShadowResult get4KbDocumentWithDelta() {
        return engine.handle(KEY, ShadowOperation.GET, EMPTY);
    }
}
