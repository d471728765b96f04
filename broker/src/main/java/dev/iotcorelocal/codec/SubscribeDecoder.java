package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.Subscribe;
import dev.iotcorelocal.packet.SubscriptionRequest;
import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE (spec 3.8). Filter syntax is judged per filter by the connection (SUBACK 0x8F). */
final class SubscribeDecoder {
    private SubscribeDecoder() {
    }

    static Subscribe decode(ByteBuf buf, MqttVersion version) throws DecodeException {
        int packetId = MqttReader.readU16(buf);
        if (packetId == 0) {
            throw DecodeException.malformed("SUBSCRIBE with packet identifier 0");
        }
        DecodedProperties props = version.isV5()
                ? DecodedProperties.read(buf, PropertyContext.SUBSCRIBE) : DecodedProperties.NONE;
        List<SubscriptionRequest> requests = new ArrayList<>(2);
        while (buf.isReadable()) {
            String filter = MqttReader.readUtf8(buf);
            int options = MqttReader.readByte(buf);
            requests.add(request(filter, options, version));
        }
        if (requests.isEmpty()) {
            throw DecodeException.protocolError("SUBSCRIBE without topic filters");
        }
        int subscriptionId = props.subscriptionIdentifiers.isEmpty() ? 0 : props.subscriptionIdentifiers.get(0);
        return new Subscribe(packetId, requests, subscriptionId, props.userProperties);
    }

    private static SubscriptionRequest request(String filter, int options, MqttVersion version) throws DecodeException {
        int qos = options & 0x03;
        if (qos == 3) {
            throw DecodeException.malformed("subscription QoS 3");
        }
        if (!version.isV5()) {
            if ((options & 0xFC) != 0) {
                throw DecodeException.malformed("reserved subscription option bits set");
            }
            return new SubscriptionRequest(filter, qos, false, false, 0);
        }
        if ((options & 0xC0) != 0) {
            throw DecodeException.malformed("reserved subscription option bits set");
        }
        int retainHandling = (options >> 4) & 0x03;
        if (retainHandling == 3) {
            throw DecodeException.protocolError("retain handling 3");
        }
        return new SubscriptionRequest(filter, qos, (options & 0x04) != 0, (options & 0x08) != 0, retainHandling);
    }
}
