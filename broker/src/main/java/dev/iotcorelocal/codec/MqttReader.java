package dev.iotcorelocal.codec;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads MQTT data types from a buffer that holds exactly one packet body, strictly. */
final class MqttReader {
    private MqttReader() {
    }

    static int readByte(ByteBuf buf) throws DecodeException {
        need(buf, 1);
        return buf.readUnsignedByte();
    }

    static int readU16(ByteBuf buf) throws DecodeException {
        need(buf, 2);
        return buf.readUnsignedShort();
    }

    static long readU32(ByteBuf buf) throws DecodeException {
        need(buf, 4);
        return buf.readUnsignedInt();
    }

    /**
     * Variable Byte Integer: at most 4 bytes, in the minimal number of bytes (MQTT 5 §1.5.5), so
     * a last byte of 0 after a continuation byte ({@code 80 00}) is malformed.
     */
    static int readVbi(ByteBuf buf) throws DecodeException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = readByte(buf);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw DecodeException.malformed("variable byte integer not minimally encoded");
                }
                return value;
            }
        }
        throw DecodeException.malformed("variable byte integer longer than 4 bytes");
    }

    static byte[] readBinary(ByteBuf buf) throws DecodeException {
        int length = readU16(buf);
        need(buf, length);
        byte[] bytes = new byte[length];
        buf.readBytes(bytes);
        return bytes;
    }

    /** UTF-8 Encoded String: well-formed, no U+0000 [MQTT-1.5.4-1, 1.5.4-2]. */
    static String readUtf8(ByteBuf buf) throws DecodeException {
        int length = readU16(buf);
        need(buf, length);
        int start = buf.readerIndex();
        boolean ascii = true;
        for (int i = start; i < start + length; i++) {
            byte b = buf.getByte(i);
            if (b == 0) {
                throw DecodeException.malformed("UTF-8 string contains U+0000");
            }
            if (b < 0) {
                ascii = false;
            }
        }
        String value = ascii ? buf.toString(start, length, StandardCharsets.US_ASCII) : decodeStrict(buf, start, length);
        buf.skipBytes(length);
        return value;
    }

    private static String decodeStrict(ByteBuf buf, int start, int length) throws DecodeException {
        ByteBuffer nio = buf.nioBuffer(start, length);
        try {
            // The JDK decoder rejects overlong forms and encoded surrogates, as MQTT requires.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(nio).toString();
        } catch (CharacterCodingException e) {
            throw DecodeException.malformed("invalid UTF-8 string");
        }
    }

    static void need(ByteBuf buf, int bytes) throws DecodeException {
        if (buf.readableBytes() < bytes) {
            throw DecodeException.malformed("packet ends early");
        }
    }

    static void expectEnd(ByteBuf buf, String packet) throws DecodeException {
        if (buf.isReadable()) {
            throw DecodeException.malformed(packet + " has " + buf.readableBytes() + " unexpected trailing bytes");
        }
    }
}
