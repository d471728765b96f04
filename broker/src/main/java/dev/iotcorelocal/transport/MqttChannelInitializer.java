package dev.iotcorelocal.transport;

import dev.iotcorelocal.codec.MqttFrameDecoder;
import dev.iotcorelocal.config.TransportConfig;
import dev.iotcorelocal.protocol.MqttChannelHandler;
import dev.iotcorelocal.protocol.ProtocolContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;

/** The whole pipeline of a client connection, in order. {@code sslContext} is null on the plain listener. */
final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final ProtocolContext context;
    private final SslContext sslContext;
    private final ChannelGroup channels;
    private final int bytesPerSecond;
    private final TransportConfig transport;

    MqttChannelInitializer(ProtocolContext context, SslContext sslContext, ChannelGroup channels, int bytesPerSecond,
                           TransportConfig transport) {
        this.bytesPerSecond = bytesPerSecond;
        this.transport = transport;
        this.context = context;
        this.sslContext = sslContext;
        this.channels = channels;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ChannelPipeline pipeline = ch.pipeline();
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(ch.alloc()));
            pipeline.addLast("tls-handshake", new TlsHandshakeLogger());
        }
        if (bytesPerSecond > 0) {
            pipeline.addLast("throughput", new ThroughputLimiter(bytesPerSecond));
        }
        pipeline.addLast(MqttChannelHandler.decoderName(), new MqttFrameDecoder(context.mqtt().maximumPacketSize()));
        pipeline.addLast(MqttChannelHandler.NAME, new MqttChannelHandler(context, ClientIdentities::of, transport));
    }
}
