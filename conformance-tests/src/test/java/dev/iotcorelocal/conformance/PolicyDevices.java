package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Devices with their own certificates and policies, provisioned through the AWS SDK as the AWS
 * tutorials do, and the HiveMQ clients that connect with them: the policy tests' shared fixture.
 */
final class PolicyDevices implements AutoCloseable {
    /** The default account's ARN prefix ({@code aws.region}, {@code aws.account-id}). */
    static final String ARN = "arn:aws:iot:us-east-1:123456789012:";
    private final IotCoreEndpoints broker;
    private final IotClient iot;
    private final Path files;

    /** A certificate and key on disk (for the AWS SDK's HTTP client) and the TLS configuration of an MQTT client. */
    record Credentials(String certificateArn, Path certificate, Path key, MqttClientSslConfig tls) {
    }

    /** Opens an AWS SDK iot client on the broker; @param files a directory for the certificates' PEM files */
    PolicyDevices(IotCoreEndpoints broker, Path files) {
        this.broker = broker;
        this.iot = AwsClients.iot(broker);
        this.files = files;
    }

    /** The control-plane client the devices are provisioned with. */
    IotClient iot() {
        return iot;
    }

    @Override
    public void close() {
        iot.close();
    }

    /** A policy document of these statements (each a JSON object). */
    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    /** An Allow statement; {@code resource} after the ARN prefix, or {@code *}. */
    static String allow(String actions, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":\""
                + ("*".equals(resource) ? resource : ARN + resource) + "\"}";
    }

    /** A thing and its own ACTIVE certificate with the policy attached to the certificate. */
    Credentials thing(String thing, String policyName) throws Exception {
        iot.createThing(b -> b.thingName(thing));
        Credentials credentials = certificate(thing, policyName);
        iot.attachThingPrincipal(b -> b.thingName(thing).principal(credentials.certificateArn()));
        return credentials;
    }

    /** An ACTIVE certificate with the policy attached, no thing. */
    Credentials certificate(String name, String policyName) throws Exception {
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        iot.attachPolicy(b -> b.policyName(policyName).target(keys.certificateArn()));
        return credentials(keys, name);
    }

    /** Writes the certificate and key out and builds the mutual TLS configuration of an MQTT client. */
    Credentials credentials(CreateKeysAndCertificateResponse keys, String name) throws Exception {
        Path cert = Files.writeString(files.resolve(name + ".pem.crt"), keys.certificatePem());
        Path key = Files.writeString(files.resolve(name + ".pem.key"), keys.keyPair().privateKey());
        MqttClientSslConfig tls = MqttClientSslConfig.builder().keyManagerFactory(Pem.keyManagers(cert, key))
                .trustManagerFactory(Pem.trustManagers(broker.caCertificate())).build();
        return new Credentials(keys.certificateArn(), cert, key, tls);
    }

    Mqtt5ClientBuilder v5(String clientId, Credentials credentials) {
        return MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(broker.host())
                .serverPort(broker.mqttsPort()).sslConfig(credentials.tls());
    }

    Mqtt3BlockingClient v3(String clientId, Credentials credentials) {
        return MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost(broker.host())
                .serverPort(broker.mqttsPort()).sslConfig(credentials.tls()).buildBlocking();
    }

    /** The PUBACK's reason code of a QoS 1 publish, success or not. */
    static Mqtt5PubAckReasonCode pubAck(Mqtt5BlockingClient client, String topic, String payload) {
        try {
            Mqtt5PublishResult result = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException e) { // the blocking client throws for an error reason code
            return e.getMqttMessage().getReasonCode();
        }
    }

    /** The SUBACK, also when every filter failed (the blocking client throws then). */
    static Mqtt5SubAck subscribe(Mqtt5BlockingClient client, Mqtt5Subscribe subscribe) {
        try {
            return client.subscribe(subscribe);
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage();
        }
    }
}
