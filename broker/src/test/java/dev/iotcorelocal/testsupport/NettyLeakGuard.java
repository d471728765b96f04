package dev.iotcorelocal.testsupport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fails the test class after which Netty finds a buffer that was garbage-collected unreleased.
 * Registered for every test class of the broker and conformance tests (extension autodetection in
 * junit-platform.properties); the build turns on paranoid detection, so every buffer is tracked.
 */
public final class NettyLeakGuard implements AfterAllCallback {
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();
    private static final int COLLECTIONS = 3;

    static {
        // Before Netty creates its detectors: ours also keep what they report.
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /**
     * Fails if Netty has reported a leak so far, without forcing a collection: cheap enough to call
     * after every input of a long fuzzing run, where no JUnit callback runs between inputs (a leak
     * shows up a collection or so after the input that caused it; its access records say where).
     */
    public static void assertNoLeakReported() {
        String leak = LEAKS.peek();
        if (leak != null) {
            throw new AssertionError("leaked Netty buffer(s) reported; the first:\n" + leak);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // A leak is reported when the collector has freed an unreleased buffer and a later tracked
        // allocation looks for it.
        for (int i = 0; i < COLLECTIONS && LEAKS.isEmpty(); i++) {
            System.gc();
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            ByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " leaked Netty buffer(s) found after " + context.getDisplayName()
                    + " (the leak may be in an earlier class); the first:\n" + leaks.get(0));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation") // the factory's abstract method still has the maxActive parameter
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    LEAKS.add(resourceType + records);
                    super.reportTracedLeak(resourceType, records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    LEAKS.add(resourceType + " (no access records)");
                    super.reportUntracedLeak(resourceType);
                }
            };
        }
    }
}
