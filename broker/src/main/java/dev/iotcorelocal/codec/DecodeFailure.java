package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;

/**
 * Emitted by {@link MqttFrameDecoder} instead of a packet when input is rejected; the decoder
 * discards everything after it. {@code version} is the connection's protocol version, or the
 * version a failing CONNECT announced, or null when neither is known.
 */
public record DecodeFailure(ReasonCode reasonCode, String message, MqttVersion version, boolean inConnect) {
}
