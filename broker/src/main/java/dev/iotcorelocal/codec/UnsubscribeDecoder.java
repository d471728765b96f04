package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Unsubscribe;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** UNSUBSCRIBE (spec 3.10). */
final class UnsubscribeDecoder {
    private UnsubscribeDecoder() {
    }

    static Unsubscribe decode(ByteBuf buf, MqttVersion version) throws DecodeException {
        int packetId = MqttReader.readU16(buf);
        if (packetId == 0) {
            throw DecodeException.malformed("UNSUBSCRIBE with packet identifier 0");
        }
        DecodedProperties props = version.isV5()
                ? DecodedProperties.read(buf, PropertyContext.UNSUBSCRIBE) : DecodedProperties.NONE;
        List<String> filters = new ArrayList<>(2);
        while (buf.isReadable()) {
            filters.add(MqttReader.readUtf8(buf));
        }
        if (filters.isEmpty()) {
            throw DecodeException.protocolError("UNSUBSCRIBE without topic filters");
        }
        return new Unsubscribe(packetId, filters, props.userProperties);
    }
}
