package dev.iotcorelocal.transport;

import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TransportConfig;
import dev.iotcorelocal.protocol.MqttChannelHandler;
import dev.iotcorelocal.protocol.ProtocolContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of the broker: event loops (epoll where available), the mTLS and plain
 * listeners, and a graceful shutdown that tells every client why it is being disconnected.
 */
public final class MqttServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttServer.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final Class<? extends ServerChannel> channelType;
    private static final AcceptFailureHandler ACCEPT_FAILURES = new AcceptFailureHandler();
    private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();

    private final ChannelGroup clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ProtocolContext context;
    private final TransportConfig transport;
    private final int bytesPerSecond;

    /** @param bytesPerSecond inbound throughput per connection, 0 for unlimited */
    public MqttServer(ProtocolContext context, TransportConfig transport, int bytesPerSecond) {
        this.context = context;
        this.transport = transport;
        this.bytesPerSecond = bytesPerSecond;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, ioHandler);
        int threads = transport.ioThreads() > 0 ? transport.ioThreads() : defaultIoThreads(Runtime.getRuntime().availableProcessors());
        this.workerGroup = new MultiThreadIoEventLoopGroup(threads, ioHandler);
        LOG.debug("Using {} transport", epoll ? "epoll" : "NIO");
    }

    /**
     * Half the cores, at least one: a local broker shares its machine with its clients (tests,
     * devices under simulation, load drivers), and every loop it adds is one more thread to
     * wake per message. Measured on 2 cores shared with the load driver: one loop gave the same
     * throughput as two and p99 latency 121 us against 143 us (README, Benchmarks).
     */
    static int defaultIoThreads(int cores) {
        return Math.max(1, cores / 2);
    }

    /** Binds a listener (on 127.0.0.1 and ::1 for "localhost") and returns the port it got (useful with port 0). */
    public int bind(ListenerConfig listener, int port, SslContext sslContext) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(channelType)
                .handler(ACCEPT_FAILURES)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Netty creates one allocator per channel by default; it is stateless (each channel
                // gets its own handle), so one shared instance saves every connection its copy.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(transport.writeBufferLowWaterMark(), transport.writeBufferHighWaterMark()))
                .childHandler(new MqttChannelInitializer(context, sslContext, clients, bytesPerSecond, transport));
        List<Channel> bound = ListenerBinder.bind(bootstrap, listener.bind(), port);
        listeners.addAll(bound);
        return ((InetSocketAddress) bound.get(0).localAddress()).getPort();
    }

    public int connectionCount() {
        return clients.size();
    }

    /** Stops accepting, sends DISCONNECT 0x8B to every client, waits briefly for them, then stops the loops. */
    @Override
    public void close() {
        listeners.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        for (Channel client : clients) {
            client.eventLoop().execute(() -> {
                MqttChannelHandler handler = client.pipeline().get(MqttChannelHandler.class);
                if (handler != null) {
                    handler.serverShutdown();
                } else {
                    client.close();
                }
            });
        }
        clients.newCloseFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
