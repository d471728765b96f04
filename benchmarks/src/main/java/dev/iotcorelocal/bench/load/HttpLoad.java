package dev.iotcorelocal.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Keep-alive HTTP/1.1 connections to AWS IoT's HTTP API (Netty's HTTP client codec, epoll where
 * available), each pipelining a bounded number of requests, for the HTTP scenarios. Requests are
 * signed for their service in the SigV4 scope as the AWS SDKs do (iotcore-local checks no signature).
 */
final class HttpLoad implements AutoCloseable {
    private final InetSocketAddress address;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<HttpConnection> connections = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();

    HttpLoad(String host, int port, int threads) {
        this.address = new InetSocketAddress(host, port);
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    /** Opens {@code count} connections, the i-th sending {@code requests.apply(i)}; none sends before {@link #start}. */
    void open(int count, int depth, RunAhead gate, HttpStats stats, IntFunction<HttpConnection.Requests> requests)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            HttpConnection connection = new HttpConnection(requests.apply(i), depth, gate, stats);
            Channel channel = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec()).addLast(connection);
                }
            }).connect(address).sync().channel();
            connections.add(connection);
            channels.add(channel);
        }
    }

    void start() {
        for (int i = 0; i < connections.size(); i++) {
            connections.get(i).start(channels.get(i));
        }
    }

    void stop() {
        connections.forEach(HttpConnection::stop);
    }

    /** Requests sent but not answered, over all connections (read on each connection's own event loop). */
    long inflight() throws InterruptedException {
        long total = 0;
        for (int i = 0; i < connections.size(); i++) {
            HttpConnection connection = connections.get(i);
            try {
                total += channels.get(i).eventLoop().submit(connection::inflight).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("connection " + i + " did not answer", e);
            }
        }
        return total;
    }

    /** Waits (at most 10 s) until every request sent has been answered. */
    void awaitAnswers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && inflight() > 0) {
            Thread.sleep(20); // a benchmark's polling, bounded by the deadline
        }
    }

    static FullHttpRequest request(Channel channel, HttpMethod method, String uri, String signingName, ByteBuf body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                body == null ? Unpooled.EMPTY_BUFFER : body);
        InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
        request.headers().set(HttpHeaderNames.HOST, remote.getHostString() + ":" + remote.getPort())
                .set(HttpHeaderNames.AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIDLOADDRIVER/20261201/us-east-1/"
                        + signingName + "/aws4_request, SignedHeaders=host, Signature=0")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, request.content().readableBytes());
        return request;
    }

    static Result latency(Result result, String prefix, Histogram histogram) {
        return result.put(prefix + "p50_us", histogram.getValueAtPercentile(50))
                .put(prefix + "p90_us", histogram.getValueAtPercentile(90))
                .put(prefix + "p99_us", histogram.getValueAtPercentile(99))
                .put(prefix + "max_us", histogram.getMaxValue());
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
