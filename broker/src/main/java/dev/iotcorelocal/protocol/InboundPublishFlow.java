package dev.iotcorelocal.protocol;

import dev.iotcorelocal.auth.ClientIdentity;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.packet.MqttVersion;
import dev.iotcorelocal.packet.PacketType;
import dev.iotcorelocal.packet.PubReply;
import dev.iotcorelocal.packet.Publish;
import dev.iotcorelocal.packet.PublishProperties;
import dev.iotcorelocal.packet.ReasonCode;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PUBLISH from the client: topic aliases, QoS and Receive Maximum checks, authorisation, then
 * routing and, for QoS 1, the PUBACK once the message is routed.
 */
final class InboundPublishFlow {
    private static final Logger LOG = LoggerFactory.getLogger(InboundPublishFlow.class);

    private final Channel channel;
    private final ProtocolContext context;
    private final MqttConnection connection;
    private final ClientIdentity identity;
    private final String clientId;
    private final MqttVersion version;
    private final InboundTopicAliases aliases;
    private final int receiveMaximum;
    private int unflushedAcks;

    InboundPublishFlow(Channel channel, ProtocolContext context, MqttConnection connection, ClientIdentity identity,
                       String clientId, MqttVersion version) {
        this.channel = channel;
        this.context = context;
        this.connection = connection;
        this.identity = identity;
        this.clientId = clientId;
        this.version = version;
        this.aliases = new InboundTopicAliases(context.mqtt().topicAliasMaximum());
        this.receiveMaximum = context.mqtt().receiveMaximum();
    }

    void onPublish(Publish publish) {
        if (publish.qos() > context.mqtt().maximumQos()) {
            connection.disconnect(ReasonCode.QOS_NOT_SUPPORTED, "QoS " + publish.qos() + " is not supported.");
            return;
        }
        String topic = resolveTopic(publish);
        if (topic == null) {
            return;
        }
        // A PUBACK counts as sent once flushed; a client that respects our Receive Maximum
        // cannot have more unacknowledged QoS 1 PUBLISHes than that in one read batch.
        if (publish.qos() == 1 && ++unflushedAcks > receiveMaximum) {
            connection.disconnect(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED,
                    "More than " + receiveMaximum + " unacknowledged QoS 1 publishes.");
            return;
        }
        if (!context.authorizer().canPublish(identity, clientId, topic, publish.retain())) {
            refuse(publish, ReasonCode.NOT_AUTHORIZED, "Not authorized to publish to this topic.");
            return;
        }
        context.router().route(toMessage(publish, topic));
        if (publish.qos() == 1) {
            channel.write(PubReply.puback(publish.packetId(), ReasonCode.SUCCESS), channel.voidPromise());
        }
    }

    /** Called when the read batch's writes were flushed. */
    void readBatchFlushed() {
        unflushedAcks = 0;
    }

    private String resolveTopic(Publish publish) {
        int alias = publish.properties().topicAlias();
        if (alias == 0) {
            return publish.topic();
        }
        if (!aliases.inRange(alias)) {
            connection.disconnect(ReasonCode.TOPIC_ALIAS_INVALID, "Topic alias is out of range.");
            return null;
        }
        if (!publish.topic().isEmpty()) {
            aliases.set(alias, publish.topic());
            return publish.topic();
        }
        String topic = aliases.get(alias);
        if (topic == null) {
            connection.protocolError("Topic alias " + alias + " was never set.");
        }
        return topic;
    }

    private Message toMessage(Publish publish, String topic) {
        PublishProperties properties = publish.properties().withoutAlias();
        Long expiry = properties.messageExpiryInterval();
        long expiresAt = Message.NEVER;
        if (expiry != null) {
            long clamped = MessageExpiry.clamp(expiry);
            expiresAt = context.clock().millis() + clamped * 1000;
            if (clamped != expiry) {
                properties = new PublishProperties(properties.payloadFormatIndicator(), clamped, 0,
                        properties.responseTopic(), properties.correlationData(), properties.userProperties(),
                        properties.subscriptionIdentifiers(), properties.contentType());
            }
        }
        return new Message(topic, publish.payload(), publish.qos(), publish.retain(), properties, expiresAt, clientId);
    }

    /** A publish the broker will not route: PUBACK with the reason (MQTT 5 QoS 1), silence (QoS 0), close (3.1.1). */
    private void refuse(Publish publish, ReasonCode reason, String text) {
        LOG.info("Refusing PUBLISH of client '{}' to '{}': {} ({})", clientId, publish.topic(), reason, text);
        if (!version.isV5()) {
            connection.disconnect(reason, text);
        } else if (publish.qos() == 1) {
            String reasonString = connection.problemInformation() ? ReasonStrings.of(PacketType.PUBACK, text) : null;
            channel.write(PubReply.puback(publish.packetId(), reason, reasonString), channel.voidPromise());
        }
    }
}
