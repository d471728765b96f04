package dev.iotcorelocal.app;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses the listeners take, and that the banner names one a client can connect to. */
class ListenAddressTest {
    private static final Pattern PLAIN_ENDPOINT = Pattern.compile("Plain MQTT: +(\\S+):(\\d+)");

    @TempDir
    static Path certificates;

    @Test
    void defaultLoopbackAcceptsClientsOnIpv4AndIpv6() {
        try (Broker broker = Broker.start(config(BrokerConfig.defaults().listeners().bind()))) {
            assertThat(BrokerConfig.defaults().listeners().bind()).isEqualTo("localhost");
            assertThat(connect("127.0.0.1", broker.mqttPort())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(connect("::1", broker.mqttPort())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(StartBanner.render(config("localhost"), broker))
                    .contains("Plain MQTT:           localhost:" + broker.mqttPort())
                    .contains("Listening on 127.0.0.1 and ::1 (loopback only).");
        }
    }

    @Test
    void bindAllPrintsAnAddressAClientConnectsTo() {
        BrokerConfig config = config("::");
        try (Broker broker = Broker.start(config)) {
            String banner = StartBanner.render(config, broker);
            Matcher endpoint = PLAIN_ENDPOINT.matcher(banner);
            assertThat(endpoint.find()).as(banner).isTrue();
            assertThat(endpoint.group(1)).isEqualTo("localhost");
            assertThat(Integer.parseInt(endpoint.group(2))).isEqualTo(broker.mqttPort());
            assertThat(banner).contains("-h localhost -p " + broker.mqttsPort(), "Listening on every interface");
            assertThat(connect(endpoint.group(1), broker.mqttPort())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
            assertThat(connect("::1", broker.mqttPort())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }

    @Test
    void ipv6LiteralIsBracketedBeforeItsPort() {
        BrokerConfig config = config("::1");
        try (Broker broker = Broker.start(config)) {
            String banner = StartBanner.render(config, broker);
            assertThat(banner).contains("MQTT over mutual TLS: [::1]:" + broker.mqttsPort(),
                    "-h ::1 -p " + broker.mqttsPort());
            assertThat(connect("::1", broker.mqttPort())).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        }
    }

    @Test
    void aPortTakenOnIpv6LoopbackByAnotherProgramIsRefusedNamingIt() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            int port = other.getLocalPort();
            BrokerConfig config = config("localhost").withListeners(new ListenerConfig("localhost", 0, port, true));
            assertThatThrownBy(() -> Broker.start(config).close()).isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("cannot listen on localhost:" + port)
                    .hasMessageContaining("[::1]:" + port + " is in use by another program");
            // and the IPv4 half was let go: the port is free again on 127.0.0.1
            new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1")).close();
        }
    }

    @Test
    void ipv4WildcardPrintsTheIpv4LoopbackNotLocalhost() {
        assertThat(new ListenerConfig("0.0.0.0", 0, 0, true).connectHost()).isEqualTo("127.0.0.1");
        assertThat(new ListenerConfig("127.0.0.1", 0, 0, true).connectHost()).isEqualTo("127.0.0.1");
        assertThat(new ListenerConfig("localhost", 0, 0, true).connectHost()).isEqualTo("localhost");
    }

    private static Mqtt5ConnAckReasonCode connect(String host, int port) {
        Mqtt5BlockingClient client = Mqtt5Client.builder().identifier("listen-" + host.replace(':', '_'))
                .serverHost(host).serverPort(port).buildBlocking();
        try {
            return client.connect().getReasonCode();
        } finally {
            client.disconnect();
        }
    }

    private static BrokerConfig config(String bind) {
        return BrokerConfig.defaults()
                .withListeners(new ListenerConfig(bind, 0, 0, true))
                .withTls(new TlsConfig(certificates.toString(), List.of()));
    }
}
