package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;

/**
 * A packet that cannot be accepted, with the reason code the spec prescribes. Stackless: it is
 * control flow for bad input, and bad input must be cheap to reject.
 */
public final class DecodeException extends Exception {
    private final ReasonCode reasonCode;
    private final MqttVersion connectVersion;

    public DecodeException(ReasonCode reasonCode, String message) {
        this(reasonCode, message, null);
    }

    public DecodeException(ReasonCode reasonCode, String message, MqttVersion connectVersion) {
        super(message, null, false, false);
        this.reasonCode = reasonCode;
        this.connectVersion = connectVersion;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** The protocol version a failing CONNECT announced, or null if unknown. */
    public MqttVersion connectVersion() {
        return connectVersion;
    }

    public static DecodeException malformed(String message) {
        return new DecodeException(ReasonCode.MALFORMED_PACKET, message);
    }

    public static DecodeException protocolError(String message) {
        return new DecodeException(ReasonCode.PROTOCOL_ERROR, message);
    }
}
