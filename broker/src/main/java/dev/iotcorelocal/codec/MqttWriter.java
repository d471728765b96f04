package dev.iotcorelocal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Writes MQTT data types and computes their encoded sizes. */
final class MqttWriter {
    private MqttWriter() {
    }

    static int vbiSize(int value) {
        if (value < 128) {
            return 1;
        }
        if (value < 16_384) {
            return 2;
        }
        if (value < 2_097_152) {
            return 3;
        }
        return 4;
    }

    static void writeVbi(ByteBuf buf, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            buf.writeByte(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    static int utf8Size(String s) {
        return 2 + ByteBufUtil.utf8Bytes(s);
    }

    static void writeUtf8(ByteBuf buf, String s) {
        int lengthIndex = buf.writerIndex();
        buf.writeShort(0);
        int written = ByteBufUtil.writeUtf8(buf, s);
        buf.setShort(lengthIndex, written);
    }

    static int binarySize(byte[] data) {
        return 2 + data.length;
    }

    static void writeBinary(ByteBuf buf, byte[] data) {
        buf.writeShort(data.length);
        buf.writeBytes(data);
    }

    /** Fixed header size for a packet with this remaining length. */
    static int fixedHeaderSize(int remainingLength) {
        return 1 + vbiSize(remainingLength);
    }
}
