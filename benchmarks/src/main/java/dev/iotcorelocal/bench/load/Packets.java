package dev.iotcorelocal.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * The few packets the driver sends, encoded by hand so it depends on no broker code and can
 * talk to any MQTT 3.1.1 or 5 broker.
 */
final class Packets {
    // Direct, so QoS 0 floods write duplicates without a copy; untracked, as templates are never released.
    private static final ByteBufAllocator TEMPLATES = new UnpooledByteBufAllocator(true, true);

    private Packets() {
    }

    static ByteBuf connect(ByteBufAllocator alloc, int version, String clientId, int keepAlive) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 10 + (version == 5 ? 1 : 0) + 2 + id.length;
        ByteBuf buf = alloc.buffer(2 + remaining);
        buf.writeByte(0x10).writeByte(remaining);
        buf.writeShort(4).writeBytes("MQTT".getBytes(StandardCharsets.US_ASCII));
        buf.writeByte(version).writeByte(0x02).writeShort(keepAlive);
        if (version == 5) {
            buf.writeByte(0);
        }
        buf.writeShort(id.length).writeBytes(id);
        return buf;
    }

    static ByteBuf subscribe(ByteBufAllocator alloc, int version, int packetId, String filter, int qos) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + (version == 5 ? 1 : 0) + 2 + f.length + 1;
        ByteBuf buf = alloc.buffer(2 + remaining);
        buf.writeByte(0x82).writeByte(remaining).writeShort(packetId);
        if (version == 5) {
            buf.writeByte(0);
        }
        buf.writeShort(f.length).writeBytes(f).writeByte(qos);
        return buf;
    }

    /**
     * A PUBLISH that publishers duplicate or copy for the whole run and never release: the garbage
     * collector frees it (a leak-tracked buffer would be reported as a leak at every run's end).
     */
    static ByteBuf template(int version, String topic, int qos, byte[] payload) {
        return Unpooled.unreleasableBuffer(publish(TEMPLATES, version, topic, qos, payload));
    }

    /** A PUBLISH; for QoS 1 the packet id sits at {@link #packetIdOffset}. */
    static ByteBuf publish(ByteBufAllocator alloc, int version, String topic, int qos, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + t.length + (qos > 0 ? 2 : 0) + (version == 5 ? 1 : 0) + payload.length;
        ByteBuf buf = alloc.buffer(5 + remaining);
        buf.writeByte(0x30 | (qos << 1));
        writeVbi(buf, remaining);
        buf.writeShort(t.length).writeBytes(t);
        if (qos > 0) {
            buf.writeShort(1);
        }
        if (version == 5) {
            buf.writeByte(0);
        }
        buf.writeBytes(payload);
        return buf;
    }

    static int packetIdOffset(ByteBuf publish) {
        int i = 1;
        while ((publish.getByte(i) & 0x80) != 0) {
            i++;
        }
        i++;
        return i + 2 + publish.getUnsignedShort(i);
    }

    static ByteBuf puback(ByteBufAllocator alloc, int packetId) {
        return alloc.buffer(4).writeByte(0x40).writeByte(2).writeShort(packetId);
    }

    static ByteBuf disconnect(ByteBufAllocator alloc) {
        return alloc.buffer(2).writeByte(0xE0).writeByte(0);
    }

    private static void writeVbi(ByteBuf buf, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            buf.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    /** Reads Receive Maximum (0x21) from a CONNACK properties section; 65535 when absent. */
    static int receiveMaximum(ByteBuf properties) {
        int length = readVbi(properties);
        int end = properties.readerIndex() + length;
        while (properties.readerIndex() < end) {
            int id = readVbi(properties);
            switch (id) {
                case 0x21 -> {
                    return properties.readUnsignedShort();
                }
                case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> properties.skipBytes(1);
                case 0x13, 0x22, 0x23 -> properties.skipBytes(2);
                case 0x02, 0x11, 0x18, 0x27 -> properties.skipBytes(4);
                case 0x0B -> readVbi(properties);
                case 0x26 -> {
                    properties.skipBytes(properties.readUnsignedShort());
                    properties.skipBytes(properties.readUnsignedShort());
                }
                default -> properties.skipBytes(properties.readUnsignedShort()); // strings and binary data
            }
        }
        return 65_535;
    }

    private static int readVbi(ByteBuf buf) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = buf.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    /** Skips topic, packet id and (MQTT 5) properties of a PUBLISH body; returns the payload's index. */
    static int payloadIndex(ByteBuf body, int firstByte, int version) {
        int index = body.readerIndex();
        index += 2 + body.getUnsignedShort(index);
        if (((firstByte >> 1) & 3) > 0) {
            index += 2;
        }
        if (version == 5) {
            int length = 0;
            int shift = 0;
            int b;
            do {
                b = body.getUnsignedByte(index++);
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            index += length;
        }
        return index;
    }
}
