package dev.iotcorelocal.packet;

/** Every decoded or encodable MQTT control packet. Implementations are immutable. */
public sealed interface MqttPacket
        permits Connect, Connack, Publish, PubReply, Subscribe, Suback, Unsubscribe, Unsuback,
        PingReq, PingResp, Disconnect, Auth {

    PacketType type();
}
