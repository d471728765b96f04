package dev.iotcorelocal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.EncoderException;

/** Writes MQTT data types and computes their encoded sizes. */
final class MqttWriter {
    static final int MAX_STRING_BYTES = 65_535;
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

    /** Whether the string fits an MQTT UTF-8 string's 16-bit length prefix. */
    static boolean fitsUtf8(String s) {
        return ByteBufUtil.utf8Bytes(s) <= MAX_STRING_BYTES;
    }

    /** Callers drop or shorten longer strings first; a wrapped length prefix would corrupt the packet. */
    static void writeUtf8(ByteBuf buf, String s) {
        int lengthIndex = buf.writerIndex();
        buf.writeShort(0);
        int written = ByteBufUtil.writeUtf8(buf, s);
        if (written > MAX_STRING_BYTES) {
            throw new EncoderException("UTF-8 string of " + written + " bytes exceeds 65,535");
        }
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
