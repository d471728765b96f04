package dev.iotcorelocal.bench.load;

import io.netty.channel.Channel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** TLS handshake rate: K concurrent loops of connect, mutual-TLS handshake, CONNECT/CONNACK, DISCONNECT. */
final class HandshakeScenario {
    private HandshakeScenario() {
    }

    static Result run(Target target, int concurrency, int durationSeconds, int threads) throws Exception {
        if (target.tls() == null) {
            throw new IllegalArgumentException("the tls-handshake scenario needs --tls");
        }
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch loopsDone = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        try (Connector connector = new Connector(target, threads)) {
            for (int i = 0; i < concurrency; i++) {
                loop(connector, target, "hs-" + i, running, completed, failed, loopsDone, 0);
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(durationSeconds)); // a benchmark's pacing
            running.set(false);
            loopsDone.await(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result().put("scenario", "tls-handshake").put("concurrency", concurrency)
                .put("handshakes_per_s", completed.get() / seconds).put("failed", failed.get());
    }

    private static void loop(Connector connector, Target target, String id, AtomicBoolean running, AtomicLong completed,
                             AtomicLong failed, CountDownLatch done, int iteration) {
        if (!running.get()) {
            done.countDown();
            return;
        }
        connector.connect(new LoadClient(new Stats(), null, target.version()), id + "-" + iteration, 60, null)
                .whenComplete((Channel channel, Throwable error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        completed.incrementAndGet();
                        channel.writeAndFlush(Packets.disconnect(channel.alloc())).addListener(f -> channel.close());
                    }
                    loop(connector, target, id, running, completed, failed, done, iteration + 1);
                });
    }
}
