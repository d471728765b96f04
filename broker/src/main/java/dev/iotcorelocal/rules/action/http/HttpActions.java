package dev.iotcorelocal.rules.action.http;

import dev.iotcorelocal.rules.action.ActionFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rules' {@code http} action and the one JDK HTTP client all its rules share, made the first
 * time a rule posts (so a broker without such rules starts no HTTP client threads). {@link #close()}
 * stops the client's executor; the client's own selector thread is a daemon that ends with it.
 */
public final class HttpActions implements AutoCloseable {
    private final HttpTimeouts timeouts;
    private final HttpActionFactory factory;
    private ExecutorService executor;
    private HttpClient client;
    private boolean closed;

    public HttpActions() {
        this(HttpTimeouts.DEFAULT);
    }

    public HttpActions(HttpTimeouts timeouts) {
        this.timeouts = timeouts;
        this.factory = new HttpActionFactory(this::client, timeouts);
    }

    public ActionFactory factory() {
        return factory;
    }

    synchronized HttpClient client() {
        if (closed) {
            throw new IllegalStateException("the broker is stopping");
        }
        if (client == null) {
            AtomicInteger count = new AtomicInteger();
            executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "rules-http-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            client = HttpClient.newBuilder()
                    .executor(executor)
                    .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade header a plain local server may not expect
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeouts.connect())
                    .build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
        client = null;
    }

    /** How long one POST may take to connect and to be answered, and how many times 429 and 5xx are retried. */
    public record HttpTimeouts(Duration connect, Duration request, int retries) {
        /** AWS's rules retry an HTTP action at most twice; its requests time out after a few seconds. */
        public static final HttpTimeouts DEFAULT = new HttpTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), 2);
    }
}
