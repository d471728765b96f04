package dev.iotcorelocal.app;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The activity log a developer watches, read from the broker's stderr as a user sees it. */
class ActivityLogTest {
    @TempDir
    static Path certificates;

    @Test
    void infoLogsEachConnectionEventOnOneLineAndNoPublishes() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(certificates, "--log-level", "info")) {
            int port = broker.plainPort();
            Mqtt5BlockingClient device = client("device-1", port);
            device.connectWith().cleanStart(true).keepAlive(30).sessionExpiryInterval(300).send();
            assertThat(broker.awaitLine("INFO ActivityLog - Client 'device-1' connected from 127.0.0.1:", "(MQTT 5, "
                    + "clean start true, keep alive 30 s, session expiry 300 s): new session"))
                    .matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO .*");
            device.subscribeWith().addSubscription().topicFilter("sensors/+/temperature").qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription().addSubscription().topicFilter("commands/#").qos(MqttQos.AT_MOST_ONCE)
                    .applySubscription().send();
            broker.awaitLine("Client 'device-1' subscribed: 'sensors/+/temperature' QoS 1, "
                    + "'commands/#' QoS 0");
            device.unsubscribeWith().topicFilter("sensors/+/temperature").send();
            broker.awaitLine("Client 'device-1' unsubscribed: 'sensors/+/temperature' ok");
            device.publishWith().topic("sensors/1/temperature").payload("21".getBytes(StandardCharsets.UTF_8)).send();
            device.disconnect();
            broker.awaitLine("Client 'device-1' disconnected from 127.0.0.1:", ": client sent DISCONNECT 0x00 Success");

            device.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            broker.awaitLine("Client 'device-1' connected from", "clean start false", "session resumed, 0 messages queued");
            Mqtt5BlockingClient usurper = client("device-1", port);
            usurper.connect();
            broker.awaitLine("Client 'device-1' disconnected from", "broker sent DISCONNECT 0x8E Session taken over");

            Mqtt5BlockingClient brief = client("brief", port);
            brief.connectWith().cleanStart(true).sessionExpiryInterval(1).send();
            brief.disconnect();
            broker.awaitLine("INFO SessionRegistry - Session of client 'brief' expired after 1 s offline");

            List<String> log = broker.stop();
            assertThat(log).anyMatch(line -> line.contains("Shutting down: disconnecting 1 clients"))
                    .anyMatch(line -> line.contains("Client 'device-1' disconnected from")
                            && line.contains("broker sent DISCONNECT 0x8B Server shutting down"))
                    .anyMatch(line -> line.endsWith("INFO Broker - Stopped"));
            assertThat(log).as("publishes are DEBUG").noneMatch(line -> line.contains("published to"))
                    .noneMatch(line -> line.contains(" DEBUG "));
        }
    }

    @Test
    void debugAddsPublishesAndDeliveriesButNotNettysChatter() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(certificates, "--log-level", "debug")) {
            Mqtt5BlockingClient device = client("chatty", broker.plainPort());
            device.connect();
            device.subscribeWith().topicFilter("echo").qos(MqttQos.AT_LEAST_ONCE).send();
            device.publishWith().topic("echo").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[5]).send();
            broker.awaitLine("DEBUG ActivityLog - Client 'chatty' published to 'echo' (QoS 1, retain false, 5 bytes)");
            broker.awaitLine("DEBUG ActivityLog - Delivering 'echo' to client 'chatty' (QoS 1, packet id 1)");
            device.disconnect();
            List<String> log = broker.stop();
            // Netty's DEBUG lines name its system properties (-Dio.netty.allocator.type: pooled, ...)
            assertThat(log).noneMatch(line -> line.contains("io.netty")).noneMatch(line -> line.contains("PlatformDependent"));
        }
    }

    @Test
    void quietLogsNothingAboutNormalActivity() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(certificates, "--quiet")) {
            Mqtt5BlockingClient device = client("hushed", broker.plainPort());
            device.connect();
            device.subscribeWith().topicFilter("a").send();
            device.disconnect();
            List<String> log = broker.stop();
            assertThat(broker.banner()).anyMatch(line -> line.contains("iotcore-local is running"));
            assertThat(log).noneMatch(line -> line.contains(" INFO ")).noneMatch(line -> line.contains("hushed"));
        }
    }

    private static Mqtt5BlockingClient client(String clientId, int port) {
        return Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port).buildBlocking();
    }
}
