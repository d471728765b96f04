package dev.iotcorelocal.conformance;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ActionType;
import software.amazon.awssdk.services.iot.model.AuthDecision;
import software.amazon.awssdk.services.iot.model.AuthInfo;
import software.amazon.awssdk.services.iot.model.AuthResult;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.TestAuthorizationRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * TestAuthorization through the AWS SDK for Java v2, against things, certificates and policies
 * made with the same SDK: AWS's decisions and policy lists, a thing variable resolved through the
 * client ID, policyNamesToAdd/Skip, AWS's errors, and the same answer an MQTT device gets.
 */
@IotCoreLocal
class TestAuthorizationIT {
    private static final String PREFIX = "arn:aws:iot:us-east-1:123456789012:";
    private static final String THING_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"" + PREFIX
            + "client/${iot:Connection.Thing.ThingName}\"},"
            + "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"" + PREFIX
            + "topic/things/${iot:Connection.Thing.ThingName}/*\"}]}";
    private static final String NO_FIRMWARE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\","
            + "\"Action\":\"iot:Publish\",\"Resource\":\"" + PREFIX + "topic/things/*/firmware\"}]}";
    private static IotCoreEndpoints broker;
    private static IotClient iot;
    private static CreateKeysAndCertificateResponse keys;

    @TempDir
    static Path files;

    @BeforeAll
    static void provision(IotCoreEndpoints endpoints) {
        broker = endpoints;
        iot = AwsClients.iot(broker);
        iot.createPolicy(b -> b.policyName("ta-per-thing").policyDocument(THING_POLICY));
        iot.createPolicy(b -> b.policyName("ta-no-firmware").policyDocument(NO_FIRMWARE));
        iot.createThing(b -> b.thingName("ta-lamp"));
        keys = iot.createKeysAndCertificate(b -> b.setAsActive(true));
        iot.attachPolicy(b -> b.policyName("ta-per-thing").target(keys.certificateArn()));
        iot.attachThingPrincipal(b -> b.thingName("ta-lamp").principal(keys.certificateArn()));
    }

    @AfterAll
    static void close() {
        iot.close();
    }

    private static AuthResult publish(String topic, Consumer<TestAuthorizationRequest.Builder> more) {
        TestAuthorizationRequest.Builder request = TestAuthorizationRequest.builder().principal(keys.certificateArn())
                .authInfos(AuthInfo.builder().actionType(ActionType.PUBLISH).resources(PREFIX + "topic/" + topic)
                        .build());
        more.accept(request);
        List<AuthResult> results = iot.testAuthorization(request.build()).authResults();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).authInfo().actionType()).isEqualTo(ActionType.PUBLISH);
        assertThat(results.get(0).authInfo().resources()).containsExactly(PREFIX + "topic/" + topic);
        return results.get(0);
    }

    private static List<String> names(List<Policy> policies) {
        return policies.stream().map(Policy::policyName).toList();
    }

    @Test
    void theThingsOwnTopicIsAllowedByItsPolicyOnceTheClientIdNamesTheThing() {
        AuthResult result = publish("things/ta-lamp/state", b -> b.clientId("ta-lamp"));

        assertThat(result.authDecision()).isEqualTo(AuthDecision.ALLOWED);
        assertThat(result.allowed().policies()).extracting(Policy::policyName, Policy::policyArn)
                .containsExactly(tuple("ta-per-thing", PREFIX + "policy/ta-per-thing"));
        assertThat(result.denied().implicitDeny().policies()).isEmpty();
        assertThat(result.denied().explicitDeny().policies()).isEmpty();
        assertThat(result.missingContextValues()).isEmpty();
    }

    @Test
    void withoutAClientIdTheThingNameCannotResolve() {
        AuthResult result = publish("things/ta-lamp/state", b -> { });

        assertThat(result.authDecision()).isEqualTo(AuthDecision.IMPLICIT_DENY);
        assertThat(names(result.denied().implicitDeny().policies())).containsExactly("ta-per-thing");
        assertThat(result.allowed().policies()).isEmpty();
        assertThat(result.missingContextValues()).containsExactly("iot:Connection.Thing.ThingName");
    }

    @Test
    void anotherThingsTopicIsAnImplicitDeny() {
        AuthResult result = publish("things/other/state", b -> b.clientId("ta-lamp"));

        assertThat(result.authDecision()).isEqualTo(AuthDecision.IMPLICIT_DENY);
        assertThat(names(result.denied().implicitDeny().policies())).containsExactly("ta-per-thing");
        assertThat(result.missingContextValues()).isEmpty();
    }

    @Test
    void anAddedDenyPolicyIsAnExplicitDenyListedApartFromTheAllowingPolicy() {
        AuthResult result = publish("things/ta-lamp/firmware", b -> b.clientId("ta-lamp")
                .policyNamesToAdd("ta-no-firmware"));

        assertThat(result.authDecision()).isEqualTo(AuthDecision.EXPLICIT_DENY);
        assertThat(names(result.denied().explicitDeny().policies())).containsExactly("ta-no-firmware");
        assertThat(names(result.allowed().policies())).containsExactly("ta-per-thing");
        assertThat(publish("things/ta-lamp/firmware", b -> b.clientId("ta-lamp")).authDecision())
                .as("policyNamesToAdd attaches nothing").isEqualTo(AuthDecision.ALLOWED);
    }

    @Test
    void aSkippedPolicyNoLongerAllows() {
        AuthResult result = publish("things/ta-lamp/state", b -> b.clientId("ta-lamp")
                .policyNamesToSkip("ta-per-thing"));

        assertThat(result.authDecision()).isEqualTo(AuthDecision.IMPLICIT_DENY);
        assertThat(result.allowed().policies()).isEmpty();
        assertThat(result.denied().implicitDeny().policies()).isEmpty();
    }

    @Test
    void unknownCertificatesAndPoliciesAreResourceNotFoundAndOtherPrincipalsInvalid() {
        AuthInfo connect = AuthInfo.builder().actionType(ActionType.CONNECT).resources(PREFIX + "client/x").build();

        assertThatThrownBy(() -> iot.testAuthorization(b -> b.principal(PREFIX + "cert/" + "0".repeat(64))
                .authInfos(connect))).isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> iot.testAuthorization(b -> b.principal(keys.certificateArn())
                .policyNamesToAdd("no-such-policy").authInfos(connect)))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("no-such-policy");
        assertThatThrownBy(() -> iot.testAuthorization(b -> b.principal(PREFIX + "thinggroup/g").authInfos(connect)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    /** The point of TestAuthorization: it answers what the device then gets on MQTT. */
    @Test
    void itAgreesWithWhatTheDeviceGetsOverMqtt() throws Exception {
        Path cert = Files.writeString(files.resolve("ta-lamp.pem.crt"), keys.certificatePem());
        Path key = Files.writeString(files.resolve("ta-lamp.pem.key"), keys.keyPair().privateKey());
        MqttClientSslConfig tls = MqttClientSslConfig.builder().keyManagerFactory(Pem.keyManagers(cert, key))
                .trustManagerFactory(Pem.trustManagers(broker.caCertificate())).build();
        Mqtt5BlockingClient device = MqttClient.builder().useMqttVersion5().identifier("ta-lamp")
                .serverHost(broker.host()).serverPort(broker.mqttsPort()).sslConfig(tls).buildBlocking();
        assertThat(device.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        try {
            for (String topic : List.of("things/ta-lamp/state", "things/other/state", "ta-lamp")) {
                AuthDecision decision = publish(topic, b -> b.clientId("ta-lamp")).authDecision();
                assertThat(pubAck(device, topic)).as(topic).isEqualTo(decision == AuthDecision.ALLOWED
                        ? Mqtt5PubAckReasonCode.SUCCESS : Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
            }
        } finally {
            device.disconnect();
        }
    }

    private static Mqtt5PubAckReasonCode pubAck(Mqtt5BlockingClient client, String topic) {
        try {
            Mqtt5PublishResult sent = client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(topic.getBytes(StandardCharsets.UTF_8)).send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) sent).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException e) { // the blocking client throws for an error reason code
            return e.getMqttMessage().getReasonCode();
        }
    }
}
