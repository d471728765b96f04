package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.AllowAllAuthorizer;
import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.codec.MqttFrameDecoder;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.limits.ConnectRateLimiter;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.ManualTime;
import dev.iotcorelocal.session.SessionRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What leaves one event loop first when a QoS 1 PUBLISH reaches a subscriber on the same loop.
 * In-VM channels on a single loop make the order of arrival at the clients exact.
 */
class DeliveryOrderTest {
    private static final int PUBACK = 4;
    private static final int PUBLISH = 3;
    private static final int SUBACK = 9;
    private static final int CONNACK = 2;

    private final DefaultEventLoopGroup loop = new DefaultEventLoopGroup(1);
    private final List<String> arrivals = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void theSubscriberGetsTheMessageBeforeThePublisherGetsItsPuback() throws InterruptedException {
        LocalAddress address = startBroker();
        Channel subscriber = connect(address, "sub");
        Channel publisher = connect(address, "pub");
        send(subscriber, "10 10 0004 4d515454 05 02 003c 00 0003 737562"); // CONNECT v5 "sub"
        send(publisher, "10 10 0004 4d515454 05 02 003c 00 0003 707562"); // CONNECT v5 "pub"
        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.contains("sub " + CONNACK)
                && arrivals.contains("pub " + CONNACK));
        send(subscriber, "82 07 0001 00 0001 74 01"); // SUBSCRIBE "t" QoS 1
        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.contains("sub " + SUBACK));

        send(publisher, "32 08 0001 74 0001 00 6869"); // PUBLISH "t" QoS 1, id 1, "hi"

        await().atMost(Duration.ofSeconds(5)).until(() -> arrivals.contains("pub " + PUBACK)
                && arrivals.contains("sub " + PUBLISH));
        assertThat(arrivals.indexOf("sub " + PUBLISH))
                .as("delivery before acknowledgement, in %s", arrivals)
                .isLessThan(arrivals.indexOf("pub " + PUBACK));
    }

    private LocalAddress startBroker() throws InterruptedException {
        BrokerConfig config = BrokerConfig.defaults();
        ManualTime time = new ManualTime(Instant.parse("2026-01-01T00:00:00Z"));
        TrieSubscriptionIndex index = new TrieSubscriptionIndex(config.mqtt().hashMatchesParent());
        SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index, time,
                config.sessions().queueCapacity());
        AllowAllAuthorizer authorizer = new AllowAllAuthorizer();
        Router router = new Router(index, registry, new RetainedStore<Message>(), time.clock());
        ProtocolContext context = new ProtocolContext(config.mqtt(), config.sessions(), config.limits(), registry,
                router, index, authorizer, new ConnectRateLimiter(0, 0), time.clock());
        LocalAddress address = new LocalAddress("delivery-order-" + System.nanoTime());
        new ServerBootstrap().group(loop).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        ch.pipeline().addLast(MqttChannelHandler.decoderName(),
                                new MqttFrameDecoder(config.mqtt().maximumPacketSize()));
                        ch.pipeline().addLast(MqttChannelHandler.NAME,
                                new MqttChannelHandler(context, channel -> ClientIdentity.ANONYMOUS,
                                        config.transport()));
                    }
                })
                .bind(address).sync();
        return address;
    }

    private Channel connect(LocalAddress address, String name) throws InterruptedException {
        return new Bootstrap().group(loop).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        arrivals.add(name + " " + (bytes.getUnsignedByte(bytes.readerIndex()) >> 4));
                        ReferenceCountUtil.release(msg);
                    }
                })
                .connect(address).sync().channel();
    }

    private static void send(Channel channel, String hex) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", ""))));
    }
}
