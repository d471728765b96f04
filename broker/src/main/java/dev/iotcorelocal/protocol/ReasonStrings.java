package dev.iotcorelocal.protocol;

import dev.iotcorelocal.packet.PacketType;

import java.util.UUID;

/**
 * AWS IoT Core's Reason String format, {@code <PACKET>:<text>:<uuid>}, e.g.
 * {@code DISCONNECT:Topic alias is out of range.:e3392cff-...}. The UUID plays the part of AWS's
 * request id, so two identical refusals can be told apart in logs.
 */
final class ReasonStrings {
    private ReasonStrings() {
    }

    static String of(PacketType packet, String text) {
        return packet.name() + ":" + text + ":" + UUID.randomUUID();
    }
}
