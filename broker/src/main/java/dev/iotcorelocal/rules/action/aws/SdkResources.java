package dev.iotcorelocal.rules.action.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every SDK client of the rules shares: one Netty HTTP client with a bounded pool, one
 * completion executor, one timer, dummy credentials and no profile file. Only ever loaded when a
 * rule runs an SDK action, so a broker without such rules never loads the SDK.
 */
final class SdkResources implements AutoCloseable {
    /** LocalStack's and ElasticMQ's conventional credentials: any value is accepted, none is real. */
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";
    private static final int MAX_CONNECTIONS = 64;
    /** Requests that wait for a connection beyond this fail at once, rather than piling up. */
    private static final int MAX_PENDING_ACQUIRES = 1_000;

    private final SdkEventLoopGroup eventLoops;
    private final SdkAsyncHttpClient http;
    private final ExecutorService completions;
    private final ScheduledExecutorService timer;
    private final StaticCredentialsProvider credentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    /** Empty: a developer's ~/.aws/config must not change what the emulator sends. */
    private final ProfileFile noProfile = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
            .type(ProfileFile.Type.CONFIGURATION).build();
    private final SdkTimeouts timeouts;

    SdkResources(SdkTimeouts timeouts) {
        this.timeouts = timeouts;
        eventLoops = SdkEventLoopGroup.builder().numberOfThreads(2).threadFactory(named("rules-aws-io-")).build();
        http = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(eventLoops)
                .protocol(Protocol.HTTP1_1)
                .maxConcurrency(MAX_CONNECTIONS)
                .maxPendingConnectionAcquires(MAX_PENDING_ACQUIRES)
                .connectionTimeout(timeouts.connect())
                .connectionAcquisitionTimeout(timeouts.attempt())
                .readTimeout(timeouts.attempt())
                .writeTimeout(timeouts.attempt())
                .build();
        completions = Executors.newFixedThreadPool(2, named("rules-aws-"));
        timer = Executors.newSingleThreadScheduledExecutor(named("rules-aws-timer-"));
    }

    /** Points a service's async client builder at the endpoint, with everything shared set. */
    <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> B configure(B builder, URI endpoint,
                                                                                   String region) {
        return builder
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .asyncConfiguration(async -> async.advancedOption(
                        SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completions))
                // At most 2 retries for every service: DynamoDB's own default (8, with growing backoff)
                // could outlast the call timeout, so a failing table reached the error action as a
                // timeout instead of its own error, at random.
                .overrideConfiguration(override -> override
                        .retryPolicy(RetryPolicy.builder(RetryMode.LEGACY).numRetries(2).build())
                        .scheduledExecutorService(timer)
                        .defaultProfileFile(noProfile)
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.call()));
    }

    @Override
    public void close() {
        http.close();
        // A short quiet period lets the connections the client just closed finish closing (the
        // client's own group would wait Netty's default 2 s on every broker stop).
        eventLoops.eventLoopGroup().shutdownGracefully(100, 2_000, TimeUnit.MILLISECONDS);
        completions.shutdown();
        timer.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
