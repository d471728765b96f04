package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shadow messages one HiveMQ client receives, in order, read as JSON. */
final class ShadowInbox implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Receiver receiver;
    private final AutoCloseable closer;

    record Received(String topic, JsonNode json, String text, MqttQos qos, boolean retain) {
    }

    private interface Receiver {
        Optional<Received> receive(long seconds) throws InterruptedException;
    }

    private ShadowInbox(Receiver receiver, AutoCloseable closer) {
        this.receiver = receiver;
        this.closer = closer;
    }

    /** Call before subscribing: messages are collected from the start. */
    static ShadowInbox of(Mqtt5BlockingClient client) {
        Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        return new ShadowInbox(seconds -> publishes.receive(seconds, TimeUnit.SECONDS).map(p -> received(
                p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos(), p.isRetain())), publishes);
    }

    static ShadowInbox of(Mqtt3BlockingClient client) {
        Mqtt3BlockingClient.Mqtt3Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        return new ShadowInbox(seconds -> publishes.receive(seconds, TimeUnit.SECONDS).map(p -> received(
                p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos(), p.isRetain())), publishes);
    }

    private static Received received(String topic, byte[] payload, MqttQos qos, boolean retain) {
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        try {
            return new Received(topic, JSON.readTree(payload), text, qos, retain);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON on " + topic + ": " + text, e);
        }
    }

    /** The next message, which must be on this topic. */
    Received next(String topic) {
        Received received = next();
        assertThat(received.topic()).as("topic of the next message (%s)", received.text()).isEqualTo(topic);
        return received;
    }

    Received next() {
        try {
            return receiver.receive(10).orElseThrow(() -> new AssertionError("no message within 10 s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
