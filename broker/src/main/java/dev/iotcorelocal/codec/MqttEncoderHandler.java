package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes packets as bytes for one connection. The version and the client's maximum packet size
 * are set once the CONNECT is known; until then packets are written as MQTT 5 (only a CONNACK
 * refusal can be written then, and the connection sets the version before it).
 */
public final class MqttEncoderHandler extends ChannelOutboundHandlerAdapter {
    private MqttVersion version = MqttVersion.V5;
    private long maxPacketSize;

    public void configure(MqttVersion version, long clientMaxPacketSize) {
        this.version = version;
        this.maxPacketSize = clientMaxPacketSize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof MqttPacket packet) {
            ctx.write(PacketEncoder.encode(ctx.alloc(), packet, version, maxPacketSize), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
