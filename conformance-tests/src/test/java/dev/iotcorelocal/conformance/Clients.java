package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;

/** HiveMQ MQTT clients configured the way an AWS IoT device is: mutual TLS to localhost:8883 with the dev PKI. */
final class Clients {
    private Clients() {
    }

    static MqttClientSslConfig mutualTls(BrokerFixture broker) {
        try {
            return MqttClientSslConfig.builder()
                    .keyManagerFactory(Pem.keyManagers(broker.clientCert(), broker.clientKey()))
                    .trustManagerFactory(Pem.trustManagers(broker.ca()))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Mqtt5ClientBuilder v5Builder(BrokerFixture broker, String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost("localhost").serverPort(broker.mqttsPort()).sslConfig(mutualTls(broker));
    }

    static Mqtt5BlockingClient v5(BrokerFixture broker, String clientId) {
        return v5Builder(broker, clientId).buildBlocking();
    }

    static Mqtt3BlockingClient v3(BrokerFixture broker, String clientId) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost("localhost").serverPort(broker.mqttsPort()).sslConfig(mutualTls(broker)).buildBlocking();
    }
}
