package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import dev.iotcorelocal.junit.IotCoreEndpoints;

/** HiveMQ MQTT clients configured the way an AWS IoT device is: mutual TLS to localhost:8883 with the dev PKI. */
final class Clients {
    private Clients() {
    }

    static MqttClientSslConfig mutualTls(IotCoreEndpoints broker) {
        try {
            return MqttClientSslConfig.builder()
                    .keyManagerFactory(Pem.keyManagers(broker.clientCertificate(), broker.clientKey()))
                    .trustManagerFactory(Pem.trustManagers(broker.caCertificate()))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Mqtt5ClientBuilder v5Builder(IotCoreEndpoints broker, String clientId) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost(broker.host()).serverPort(broker.mqttsPort()).sslConfig(mutualTls(broker));
    }

    static Mqtt5BlockingClient v5(IotCoreEndpoints broker, String clientId) {
        return v5Builder(broker, clientId).buildBlocking();
    }

    static Mqtt3BlockingClient v3(IotCoreEndpoints broker, String clientId) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId)
                .serverHost(broker.host()).serverPort(broker.mqttsPort()).sslConfig(mutualTls(broker)).buildBlocking();
    }
}
