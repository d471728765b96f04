package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.Auth;
import dev.iotcorelocal.packet.Disconnect;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * The two packets whose whole body is an optional reason code then optional properties:
 * DISCONNECT and AUTH (spec 3.14, 3.15).
 */
final class ReasonAndPropertiesDecoder {
    private ReasonAndPropertiesDecoder() {
    }

    static Disconnect disconnect(ByteBuf buf, MqttVersion version) throws DecodeException {
        if (!version.isV5() || !buf.isReadable()) {
            MqttReader.expectEnd(buf, "DISCONNECT");
            return Disconnect.NORMAL;
        }
        ReasonCode reason = reason(buf, "DISCONNECT");
        DecodedProperties props = buf.isReadable()
                ? DecodedProperties.read(buf, PropertyContext.DISCONNECT) : DecodedProperties.NONE;
        MqttReader.expectEnd(buf, "DISCONNECT");
        return new Disconnect(reason, props.sessionExpiryInterval, props.reasonString, props.serverReference,
                props.userProperties);
    }

    static Auth auth(ByteBuf buf, MqttVersion version) throws DecodeException {
        if (!version.isV5()) {
            throw DecodeException.malformed("AUTH is an MQTT 5 packet");
        }
        if (!buf.isReadable()) {
            return new Auth(ReasonCode.SUCCESS, null, null, null, List.of());
        }
        ReasonCode reason = reason(buf, "AUTH");
        DecodedProperties props = buf.isReadable()
                ? DecodedProperties.read(buf, PropertyContext.AUTH) : DecodedProperties.NONE;
        MqttReader.expectEnd(buf, "AUTH");
        return new Auth(reason, props.authenticationMethod, props.authenticationData, props.reasonString,
                props.userProperties);
    }

    private static ReasonCode reason(ByteBuf buf, String packet) throws DecodeException {
        ReasonCode reason = ReasonCode.ofCode(MqttReader.readByte(buf));
        if (reason == null) {
            throw DecodeException.protocolError("unknown reason code in " + packet);
        }
        return reason;
    }
}
