package dev.iotcorelocal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** MQTT 5 client packets as bytes, written the way a client puts them on the wire. */
final class MqttBytes {
    static final byte[] PINGREQ = {(byte) 0xC0, 0};

    private MqttBytes() {
    }

    /** CONNECT with the given options; {@code receiveMaximum} 0 leaves the property out (65,535). */
    static byte[] connect(String clientId, boolean cleanStart, int keepAlive, long sessionExpiry, int receiveMaximum) {
        return connect(clientId, cleanStart, keepAlive, sessionExpiry, receiveMaximum, null, 0);
    }

    /** As above with a QoS 0 Will on {@code willTopic} (payload "will") after {@code willDelay} seconds. */
    static byte[] connect(String clientId, boolean cleanStart, int keepAlive, long sessionExpiry, int receiveMaximum,
                          String willTopic, long willDelay) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(5);
        body.write((cleanStart ? 0x02 : 0) | (willTopic != null ? 0x04 : 0));
        body.write(keepAlive >> 8);
        body.write(keepAlive);
        ByteArrayOutputStream properties = new ByteArrayOutputStream();
        if (sessionExpiry > 0) {
            properties.write(0x11);
            int32(properties, sessionExpiry);
        }
        if (receiveMaximum > 0) {
            properties.write(0x21);
            properties.write(receiveMaximum >> 8);
            properties.write(receiveMaximum);
        }
        withLength(body, properties.toByteArray());
        string(body, clientId);
        if (willTopic != null) {
            ByteArrayOutputStream willProperties = new ByteArrayOutputStream();
            if (willDelay > 0) {
                willProperties.write(0x18);
                int32(willProperties, willDelay);
            }
            withLength(body, willProperties.toByteArray());
            string(body, willTopic);
            string(body, "will");
        }
        return packet(0x10, body.toByteArray());
    }

    static byte[] subscribe(int packetId, String filter, int qos) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId);
        body.write(0);
        string(body, filter);
        body.write(qos);
        return packet(0x82, body.toByteArray());
    }

    static byte[] publish(int qos, String topic, int packetId, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId);
        }
        body.write(0);
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x30 | qos << 1, body.toByteArray());
    }

    static byte[] puback(int packetId) {
        return new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId};
    }

    /** DISCONNECT 0x00 setting the Session Expiry Interval. */
    static byte[] disconnect(long sessionExpiry) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        ByteArrayOutputStream properties = new ByteArrayOutputStream();
        properties.write(0x11);
        int32(properties, sessionExpiry);
        withLength(body, properties.toByteArray());
        return packet(0xE0, body.toByteArray());
    }

    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        vbi(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void withLength(ByteArrayOutputStream out, byte[] properties) {
        vbi(out, properties.length);
        out.writeBytes(properties);
    }

    private static void vbi(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? b | 0x80 : b);
        } while (value > 0);
    }

    private static void int32(ByteArrayOutputStream out, long value) {
        out.write((int) (value >> 24));
        out.write((int) (value >> 16));
        out.write((int) (value >> 8));
        out.write((int) value);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
