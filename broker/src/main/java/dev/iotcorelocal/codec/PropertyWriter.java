package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.UserProperty;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * Sizes and writes individual MQTT 5 properties. Encoders call the size methods first so that
 * every buffer is allocated at its exact size, then the write methods in the same order.
 */
final class PropertyWriter {
    private PropertyWriter() {
    }

    static int byteSize(Object value) {
        return value == null ? 0 : 2;
    }

    static int u16Size(Object value) {
        return value == null ? 0 : 3;
    }

    static int u32Size(Object value) {
        return value == null ? 0 : 5;
    }

    static int stringSize(String value) {
        return value == null ? 0 : 1 + MqttWriter.utf8Size(value);
    }

    static int binarySize(byte[] value) {
        return value == null ? 0 : 1 + MqttWriter.binarySize(value);
    }

    static int vbiPropertySize(int value) {
        return 1 + MqttWriter.vbiSize(value);
    }

    static int userPropertiesSize(List<UserProperty> properties) {
        int size = 0;
        for (UserProperty p : properties) {
            size += 1 + MqttWriter.utf8Size(p.name()) + MqttWriter.utf8Size(p.value());
        }
        return size;
    }

    static void writeByte(ByteBuf buf, int id, Integer value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeByte(value);
        }
    }

    static void writeBoolean(ByteBuf buf, int id, Boolean value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeByte(value ? 1 : 0);
        }
    }

    static void writeU16(ByteBuf buf, int id, Integer value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeShort(value);
        }
    }

    static void writeU32(ByteBuf buf, int id, Long value) {
        if (value != null) {
            buf.writeByte(id);
            buf.writeInt((int) (long) value);
        }
    }

    static void writeString(ByteBuf buf, int id, String value) {
        if (value != null) {
            buf.writeByte(id);
            MqttWriter.writeUtf8(buf, value);
        }
    }

    static void writeBinary(ByteBuf buf, int id, byte[] value) {
        if (value != null) {
            buf.writeByte(id);
            MqttWriter.writeBinary(buf, value);
        }
    }

    static void writeVbiProperty(ByteBuf buf, int id, int value) {
        buf.writeByte(id);
        MqttWriter.writeVbi(buf, value);
    }

    static void writeUserProperties(ByteBuf buf, List<UserProperty> properties) {
        for (UserProperty p : properties) {
            buf.writeByte(PropertyId.USER_PROPERTY);
            MqttWriter.writeUtf8(buf, p.name());
            MqttWriter.writeUtf8(buf, p.value());
        }
    }
}
