package dev.iotcorelocal.protocol;

import dev.iotcorelocal.packet.PacketType;

/**
 * AWS IoT Core's Reason String format, {@code <PACKET>:<text>:<uuid>}, e.g.
 * {@code DISCONNECT:Topic alias is out of range.:e3392cff-...}. The UUID plays the part of AWS's
 * request id, so two identical refusals can be told apart in logs. A text that would make the
 * string longer than an MQTT string's 65,535 bytes (it may quote a client's topic) is cut, at a
 * character boundary, and the id kept.
 */
final class ReasonStrings {
    static final int MAX_BYTES = 65_535;
    private static final int UUID_LENGTH = 36;

    private ReasonStrings() {
    }

    static String of(PacketType packet, String text) {
        String prefix = packet.name() + ":";
        int room = MAX_BYTES - prefix.length() - 1 - UUID_LENGTH;
        return prefix + truncate(text, room) + ":" + RandomIds.uuid();
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes, whole code points only. */
    static String truncate(String text, int maxBytes) {
        if (text.length() * 3 <= maxBytes) {
            return text; // even all-BMP-3-byte text fits: the common case costs no scan
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}
