package dev.iotcorelocal.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reason code and properties out of a raw CONNACK, DISCONNECT or PUBACK, independently
 * of the broker's codec, so tests can assert exactly which properties were sent.
 */
final class PacketView {
    final int type;
    final int reasonCode;
    final Map<Integer, Object> properties = new LinkedHashMap<>();
    final List<String[]> userProperties = new ArrayList<>();

    private PacketView(byte[] packet) {
        type = (packet[0] & 0xF0) >> 4;
        int index = 1;
        while ((packet[index] & 0x80) != 0) {
            index++;
        }
        index++;
        switch (type) {
            case 2 -> index++; // CONNACK: acknowledge flags
            case 4 -> index += 2; // PUBACK: packet id
            default -> {
            }
        }
        if (index >= packet.length) {
            reasonCode = 0;
            return;
        }
        reasonCode = packet[index++] & 0xFF;
        if (index >= packet.length) {
            return;
        }
        int[] cursor = {index};
        int length = vbi(packet, cursor);
        int end = cursor[0] + length;
        while (cursor[0] < end) {
            int id = vbi(packet, cursor);
            properties.put(id, value(id, packet, cursor));
        }
    }

    static PacketView of(byte[] packet) {
        return new PacketView(packet);
    }

    String reasonString() {
        return (String) properties.get(0x1F);
    }

    private Object value(int id, byte[] p, int[] c) {
        return switch (id) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> p[c[0]++] & 0xFF;
            case 0x13, 0x21, 0x22, 0x23 -> u16(p, c);
            case 0x02, 0x11, 0x18, 0x27 -> ((long) u16(p, c) << 16) | u16(p, c);
            case 0x0B -> vbi(p, c);
            case 0x26 -> {
                String[] pair = {string(p, c), string(p, c)};
                userProperties.add(pair);
                yield pair;
            }
            case 0x09, 0x16 -> {
                int n = u16(p, c);
                byte[] data = java.util.Arrays.copyOfRange(p, c[0], c[0] + n);
                c[0] += n;
                yield data;
            }
            default -> string(p, c);
        };
    }

    private static int u16(byte[] p, int[] c) {
        int v = ((p[c[0]] & 0xFF) << 8) | (p[c[0] + 1] & 0xFF);
        c[0] += 2;
        return v;
    }

    private static String string(byte[] p, int[] c) {
        int n = u16(p, c);
        String s = new String(p, c[0], n, StandardCharsets.UTF_8);
        c[0] += n;
        return s;
    }

    private static int vbi(byte[] p, int[] c) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = p[c[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
