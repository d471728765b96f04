package dev.iotcorelocal.api;

import dev.iotcorelocal.transport.ListenerBinder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.1 listener of AWS IoT's HTTP APIs. One port takes plain HTTP and TLS, told apart by
 * the first bytes of each connection (OptionalSslHandler); TLS uses the broker's server certificate
 * and asks for, but does not require, a client certificate (AWS's device HTTPS publish sends one).
 * Its threads are its own: "api-io" reads, writes and answers the few operations registered as cheap
 * and non-blocking (Publish), "api-worker-*" run every other handler, so neither a slow handler nor
 * a flood of requests delays an MQTT event loop. epoll where available, as the MQTT listener.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest request body accepted: policy documents, CSRs and Publish payloads all fit well under it. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_INITIAL_LINE = 16 * 1024; // long ARNs and topics in paths
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private final boolean epoll;
    private final EventLoopGroup io;
    private final EventExecutorGroup workers;
    private final ApiDispatcher dispatcher;
    private final SslContext tls;
    private final int maxBodyBytes;
    private final ChannelGroup connections = new DefaultChannelGroup("api-connections", GlobalEventExecutor.INSTANCE);
    private List<Channel> listeners = List.of();

    /** @param tls server context with optional client authentication, or null for plain HTTP only */
    public ApiServer(RouteTable routes, SslContext tls, int maxBodyBytes) {
        this.epoll = Epoll.isAvailable();
        this.dispatcher = new ApiDispatcher(routes);
        this.tls = tls;
        this.maxBodyBytes = maxBodyBytes;
        this.io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("api-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.workers = new DefaultEventExecutorGroup(2, new DefaultThreadFactory("api-worker", true));
    }

    /** Binds (both loopbacks for "localhost") and returns the port actually bound (useful with port 0). */
    public int bind(String host, int port) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        if (tls != null) {
                            channel.pipeline().addLast("tls", new OptionalSslHandler(tls));
                        }
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192))
                                .addLast("body", new BodyLimit(maxBodyBytes))
                                .addLast("api", new ApiRequestHandler(dispatcher, workers.next()));
                    }
                });
        listeners = ListenerBinder.bind(bootstrap, host, port); // "localhost": 127.0.0.1 and ::1, as MQTT
        return ((InetSocketAddress) listeners.get(0).localAddress()).getPort();
    }

    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        // Keep-alive connections first, while their pipelines' executors still run to tear them down.
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        // A worker's answer hops back to the I/O thread; a short quiet period lets the last hops run.
        io.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
