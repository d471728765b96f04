package dev.iotcorelocal.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens driver connections (epoll where available) and completes when the broker's CONNACK arrives. */
final class Connector implements AutoCloseable {
    private final Target target;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;

    Connector(Target target, int threads) {
        this.target = target;
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024));
    }

    /** Connects, sends CONNECT, and completes with the channel on CONNACK 0. */
    CompletableFuture<Channel> connect(LoadClient client, String clientId, int keepAlive, InetSocketAddress localAddress) {
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (target.tls() != null) {
                    ch.pipeline().addLast(target.tls().newHandler(ch.alloc(), target.host(), target.port()));
                }
                ch.pipeline().addLast(new ServerPacketParser(client)).addLast(client);
            }
        });
        (localAddress == null ? b.connect(target.address()) : b.connect(target.address(), localAddress))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        client.connected.completeExceptionally(f.cause());
                        return;
                    }
                    client.tcpConnectedNanos = System.nanoTime();
                    Channel channel = ((io.netty.channel.ChannelFuture) f).channel();
                    channel.writeAndFlush(Packets.connect(channel.alloc(), target.version(), clientId, keepAlive));
                });
        return client.connected.orTimeout(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
