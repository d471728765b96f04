package dev.iotcorelocal.transport;

import dev.iotcorelocal.config.ListenerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Binds one listener to what a {@code bind} setting names. {@value ListenerConfig#LOOPBACK} (the default) is
 * both loopback addresses on one port, since the dev certificate covers localhost, 127.0.0.1 and
 * ::1 and a client resolving localhost may try either first. A machine without IPv6 loopback
 * keeps the IPv4 listener and a warning.
 */
public final class ListenerBinder {
    static final String IPV4_LOOPBACK = "127.0.0.1";
    static final String IPV6_LOOPBACK = "::1";
    /** Port 0 picks a free IPv4 port that may be taken on ::1: a few fresh picks make that vanishingly rare. */
    private static final int FREE_PORT_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ListenerBinder.class);

    private ListenerBinder() {
    }

    /** The bound listening channels, all on one port. Throws Netty's bind failure as is. */
    public static List<Channel> bind(ServerBootstrap bootstrap, String address, int port) throws InterruptedException {
        if (!ListenerConfig.LOOPBACK.equals(address)) {
            return List.of(bootstrap.bind(new InetSocketAddress(address, port)).sync().channel());
        }
        for (int attempt = 1; ; attempt++) {
            Channel ipv4 = bootstrap.bind(new InetSocketAddress(IPV4_LOOPBACK, port)).sync().channel();
            int bound = ((InetSocketAddress) ipv4.localAddress()).getPort();
            ChannelFuture ipv6 = bootstrap.bind(new InetSocketAddress(IPV6_LOOPBACK, bound)).awaitUninterruptibly();
            if (ipv6.isSuccess()) {
                return List.of(ipv4, ipv6.channel());
            }
            Throwable failure = ipv6.cause();
            if (!isPortInUse(failure)) {
                LOG.warn("IPv6 loopback [::1]:{} is unavailable ({}); listening on 127.0.0.1:{} only", bound,
                        failure.getMessage(), bound);
                return List.of(ipv4);
            }
            ipv4.close().awaitUninterruptibly();
            if (port != 0 || attempt == FREE_PORT_ATTEMPTS) {
                throw new ChannelException("[::1]:" + bound + " is in use by another program ("
                        + failure.getMessage() + ")", failure);
            }
        }
    }

    /** NIO's BindException and epoll's native error both say so in their message (EADDRINUSE). */
    private static boolean isPortInUse(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("in use");
    }
}
