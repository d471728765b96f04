package dev.iotcorelocal.protocol;

import dev.iotcorelocal.packet.MqttVersion;

/**
 * What the protocol asks of the transport once a CONNECT is known. The transport supplies it,
 * because the timer and the packet encoding live in the pipeline; the protocol decides the values.
 */
public interface ConnectionTransport {

    /** Disconnect with 0x8D after {@code timeoutMillis} without a complete packet from the client. */
    void startKeepAlive(long timeoutMillis);

    /**
     * The broker is ending the connection (its last packet, if any, is written): close the
     * channel once that is flushed or after the close timeout, whichever comes first.
     */
    void closeByDeadline();

    /** Encode packets from now on for this version, within the client's Maximum Packet Size (0: none). */
    void encodeAs(MqttVersion version, long clientMaxPacketSize);
}
