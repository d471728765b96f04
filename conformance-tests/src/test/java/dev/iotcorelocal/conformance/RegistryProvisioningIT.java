package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iot.model.Policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioning flow of every AWS IoT tutorial through the AWS SDK for Java v2: create a
 * thing, keys and a certificate, a policy, attach both, then connect over MQTT with the new
 * certificate and exchange a message.
 */
@IotCoreLocal
class RegistryProvisioningIT {
    private static IotCoreEndpoints broker;
    private static IotClient iot;

    @BeforeAll
    static void client(IotCoreEndpoints endpoints) {
        broker = endpoints;
        iot = AwsClients.iot(broker);
    }

    @AfterAll
    static void close() {
        iot.close();
    }

    @Test
    void aCertificateCreatedThroughTheApiConnectsOverMqttAtOnce(@TempDir Path dir) throws Exception {
        iot.createThing(b -> b.thingName("provisioned-sensor"));
        CreateKeysAndCertificateResponse keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        CreatePolicyResponse policy = iot.createPolicy(b -> b.policyName("sensor-policy").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                        + "\"Resource\":\"*\"}]}"));
        iot.attachPolicy(b -> b.policyName("sensor-policy").target(keys.certificateArn()));
        iot.attachThingPrincipal(b -> b.thingName("provisioned-sensor").principal(keys.certificateArn()));

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(keys.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertThat(keys.certificateId()).isEqualTo(sha256);
        assertThat(keys.certificateArn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:cert/" + sha256);
        assertThat(keys.keyPair().privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(policy.policyVersionId()).isEqualTo("1");
        assertThat(iot.listAttachedPolicies(b -> b.target(keys.certificateArn())).policies())
                .extracting(Policy::policyName).containsExactly("sensor-policy");
        assertThat(iot.listThingPrincipals(b -> b.thingName("provisioned-sensor")).principals())
                .containsExactly(keys.certificateArn());
        assertThat(iot.listPrincipalThings(b -> b.principal(keys.certificateArn())).things())
                .containsExactly("provisioned-sensor");
        CertificateDescription description = iot.describeCertificate(b -> b.certificateId(keys.certificateId()))
                .certificateDescription();
        assertThat(description.status()).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(description.certificatePem()).isEqualTo(keys.certificatePem());
        assertThat(description.ownedBy()).isEqualTo("123456789012");

        String host = iot.describeEndpoint(b -> b.endpointType("iot:Data-ATS")).endpointAddress();
        assertThat(host).isEqualTo("localhost");
        Path certFile = Files.writeString(dir.resolve("certificate.pem.crt"), keys.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("private.pem.key"), keys.keyPair().privateKey());
        MqttClientSslConfig tls = MqttClientSslConfig.builder()
                .keyManagerFactory(Pem.keyManagers(certFile, keyFile))
                .trustManagerFactory(Pem.trustManagers(broker.caCertificate()))
                .build();
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("provisioned-sensor")
                .serverHost(host).serverPort(broker.mqttsPort()).sslConfig(tls).buildBlocking();

        assertThat(device.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = device.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            device.subscribeWith().topicFilter("sensors/provisioned").qos(MqttQos.AT_LEAST_ONCE).send();
            device.publishWith().topic("sensors/provisioned").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("hello".getBytes(StandardCharsets.UTF_8)).send();
            Mqtt5Publish received = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(received.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        } finally {
            device.disconnect();
        }
    }

    @Test
    void thingGroupPoliciesAreEffectiveForTheThingsCertificateAndAnExclusiveThingIsTheOnlyOne() {
        iot.createThingGroup(b -> b.thingGroupName("building"));
        iot.createThingGroup(b -> b.thingGroupName("floor").parentGroupName("building"));
        iot.createThing(b -> b.thingName("lamp"));
        iot.createThing(b -> b.thingName("other-lamp"));
        iot.addThingToThingGroup(b -> b.thingGroupName("floor").thingName("lamp"));
        iot.createPolicy(b -> b.policyName("building-policy").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Subscribe\","
                        + "\"Resource\":\"*\"}}"));
        iot.attachPolicy(b -> b.policyName("building-policy").target(iot.describeThingGroup(g -> g
                .thingGroupName("building")).thingGroupArn()));
        String cert = iot.createKeysAndCertificate(b -> b.setAsActive(true)).certificateArn();
        iot.attachThingPrincipal(b -> b.thingName("lamp").principal(cert)
                .thingPrincipalType(software.amazon.awssdk.services.iot.model.ThingPrincipalType.EXCLUSIVE_THING));

        assertThat(iot.getEffectivePolicies(b -> b.principal(cert).thingName("lamp")).effectivePolicies())
                .extracting(p -> p.policyName()).containsExactly("building-policy");
        assertThat(iot.listAttachedPolicies(b -> b.target(iot.describeThingGroup(g -> g.thingGroupName("floor"))
                .thingGroupArn()).recursive(true)).policies()).extracting(Policy::policyName)
                .containsExactly("building-policy");
        assertThat(iot.listThingPrincipalsV2(b -> b.thingName("lamp")).thingPrincipalObjects())
                .extracting(o -> o.thingPrincipalTypeAsString()).containsExactly("EXCLUSIVE_THING");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> iot.attachThingPrincipal(b -> b.thingName("other-lamp")
                .principal(cert))).isInstanceOf(software.amazon.awssdk.services.iot.model.InvalidRequestException.class);
    }

    @Test
    void theDevCertificateIsRegisteredActiveWithTheDocumentedAllowAllPolicy() throws Exception {
        X509Certificate dev = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(broker.clientCertificate()));
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(dev.getEncoded()));

        assertThat(iot.describeCertificate(b -> b.certificateId(id)).certificateDescription().status())
                .isEqualTo(CertificateStatus.ACTIVE);
        assertThat(iot.listAttachedPolicies(b -> b.target("arn:aws:iot:us-east-1:123456789012:cert/" + id)).policies())
                .extracting(Policy::policyName).contains("iotcore-local-dev-allow-all");
        assertThat(iot.getPolicy(b -> b.policyName("iotcore-local-dev-allow-all")).policyDocument())
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                        + "\"Resource\":\"*\"}]}");
    }
}
