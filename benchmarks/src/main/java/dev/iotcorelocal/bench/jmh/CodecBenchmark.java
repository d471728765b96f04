package dev.iotcorelocal.bench.jmh;

import dev.iotcorelocal.codec.ClientPacketEncoder;
import dev.iotcorelocal.codec.PacketDecoder;
import dev.iotcorelocal.codec.PacketEncoder;
import dev.iotcorelocal.packet.Connect;
import dev.iotcorelocal.packet.MqttPacket;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.UserProperty;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decode and encode of CONNECT and PUBLISH, with and without MQTT 5 properties. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"plain", "properties"})
    public String variant;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private Publish publish;
    private Connect connect;
    private ByteBuf publishBody;
    private int publishFirstByte;
    private ByteBuf connectBody;

    @Setup
    public void setUp() throws Exception {
        boolean props = variant.equals("properties");
        PublishProperties properties = props
                ? new PublishProperties(1, 120L, 0, "home07/main_door/status",
                "{\"request_id\":\"eb1bd30a\"}".getBytes(StandardCharsets.UTF_8),
                List.of(new UserProperty("Content-Type", "text/plain"), new UserProperty("Hardware-Revision", "brandX-rev1.17c")),
                List.of(), "text/plain")
                : PublishProperties.EMPTY;
        publish = new Publish("sensors/gateway01/sensor01", 1, false, false, 42, properties, new byte[64]);
        connect = new Connect(MqttVersion.V5, "TestThing01", true, 60, props ? "?SDK=JavaV2&Version=1.30" : null, null, null,
                props ? 300 : 0, 65_535, props ? 149_504 : 0, props ? 8 : 0, false, true, null, null,
                props ? List.of(new UserProperty("k", "v")) : List.of());
        publishBody = bodyOf(publish);
        publishFirstByte = 0x32;
        connectBody = bodyOf(connect);
    }

    private ByteBuf bodyOf(MqttPacket packet) {
        ByteBuf encoded = ClientPacketEncoder.encode(Unpooled.buffer().alloc(), packet, MqttVersion.V5);
        encoded.skipBytes(1);
        while ((encoded.readByte() & 0x80) != 0) {
            // skip the remaining length
        }
        ByteBuf body = Unpooled.copiedBuffer(encoded);
        encoded.release();
        return body;
    }

    @Benchmark
    public MqttPacket decodePublish() throws Exception {
        return PacketDecoder.decode(publishFirstByte, publishBody.duplicate(), MqttVersion.V5);
    }

    @Benchmark
    public MqttPacket decodeConnect() throws Exception {
        return PacketDecoder.decode(0x10, connectBody.duplicate(), null);
    }

    @Benchmark
    public int encodePublish() {
        ByteBuf buf = PacketEncoder.encode(alloc, publish, MqttVersion.V5, 0);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }

    @Benchmark
    public int encodeConnect() {
        ByteBuf buf = ClientPacketEncoder.connect(alloc, connect);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }
}
