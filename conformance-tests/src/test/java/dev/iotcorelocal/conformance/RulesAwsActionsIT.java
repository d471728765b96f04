package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import dev.iotcorelocal.testsupport.RecordingHttpServer;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Request;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.DynamoDBv2Action;
import software.amazon.awssdk.services.iot.model.HttpAction;
import software.amazon.awssdk.services.iot.model.HttpActionHeader;
import software.amazon.awssdk.services.iot.model.LambdaAction;
import software.amazon.awssdk.services.iot.model.PutItemInput;
import software.amazon.awssdk.services.iot.model.RepublishAction;
import software.amazon.awssdk.services.iot.model.SqsAction;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules created with the AWS SDK whose dynamoDBv2, lambda and http actions call a local server
 * that records what the broker's AWS SDK sent; and a service error reaching the error action.
 */
class RulesAwsActionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/rules";
    private static final RecordingHttpServer SERVICES = startServices();

    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass()
            .withConfig(config -> config.withRules(config.rules().withAwsEndpointUrl(SERVICES.uri().toString())));
    private final IotCoreEndpoints broker;

    RulesAwsActionsIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    private static RecordingHttpServer startServices() {
        try {
            return RecordingHttpServer.start(request -> {
                String target = String.valueOf(request.header("X-Amz-Target"));
                if (target.equals("AmazonSQS.SendMessage")) {
                    return Response.of(400, "application/x-amz-json-1.0", "{\"__type\":\"com.amazonaws.sqs#"
                            + "QueueDoesNotExist\",\"message\":\"The specified queue does not exist.\"}");
                }
                if (request.path().startsWith("/2015-03-31/functions/")) {
                    return Response.empty(202);
                }
                return Response.of(200, "application/x-amz-json-1.0", "{}");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopServices() {
        SERVICES.close();
    }

    @Test
    void dynamoDbV2LambdaAndHttpActionsSendWhatAwsWouldGet() throws Exception {
        try (IotClient iot = AwsClients.iot(broker)) {
            iot.createTopicRule(rule -> rule.ruleName("to_services").topicRulePayload(TopicRulePayload.builder()
                    .sql("SELECT temp, topic(2) AS device FROM 'svc-dt/+/temp'").awsIotSqlVersion("2016-03-23")
                    .actions(Action.builder().dynamoDBv2(DynamoDBv2Action.builder().roleArn(ROLE)
                                    .putItem(PutItemInput.builder().tableName("readings_${topic(2)}").build()).build()).build(),
                            Action.builder().lambda(LambdaAction.builder()
                                    .functionArn("arn:aws:lambda:us-east-1:123456789012:function:on_reading").build()).build(),
                            Action.builder().http(HttpAction.builder().url(SERVICES.uri() + "/hook/${topic(2)}")
                                    .headers(HttpActionHeader.builder().key("x-device").value("${topic(2)}").build())
                                    .build()).build())
                    .build()));
            publish("svc-dt/lamp-7/temp", "{\"temp\":22.5,\"x\":1}");

            Map<String, Request> byKind = new HashMap<>();
            while (byKind.size() < 3) {
                Request request = SERVICES.take();
                String target = request.header("X-Amz-Target");
                if ("AmazonSQS.SendMessage".equals(target)) {
                    continue; // the other test's rule
                }
                byKind.put(target != null ? "dynamodb" : request.path().startsWith("/hook") ? "http" : "lambda", request);
            }
            Request put = byKind.get("dynamodb");
            assertThat(put.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.PutItem");
            assertThat(put.signingService()).isEqualTo("dynamodb");
            assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree("""
                    {"TableName": "readings_lamp-7", "Item": {"temp": {"N": "22.5"}, "device": {"S": "lamp-7"}}}"""));
            Request invoke = byKind.get("lambda");
            assertThat(URLDecoder.decode(invoke.path(), StandardCharsets.UTF_8))
                    .isEqualTo("/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:on_reading/invocations");
            assertThat(invoke.header("X-Amz-Invocation-Type")).isEqualTo("Event");
            assertThat(JSON.readTree(invoke.body())).isEqualTo(JSON.readTree("{\"temp\":22.5,\"device\":\"lamp-7\"}"));
            Request post = byKind.get("http");
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/hook/lamp-7");
            assertThat(post.header("x-device")).isEqualTo("lamp-7");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(JSON.readTree(post.body())).isEqualTo(JSON.readTree("{\"temp\":22.5,\"device\":\"lamp-7\"}"));
        }
    }

    @Test
    void aServiceErrorReachesTheErrorActionWithTheServicesMessage() throws Exception {
        Mqtt5BlockingClient watcher = Clients.v5(broker, "svc-error-watcher");
        watcher.connect();
        try (IotClient iot = AwsClients.iot(broker);
             Mqtt5BlockingClient.Mqtt5Publishes publishes = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter("svc-errors/#").qos(MqttQos.AT_LEAST_ONCE).send();
            String queueUrl = "http://127.0.0.1:4566/000000000000/missing";
            iot.createTopicRule(rule -> rule.ruleName("to_missing_queue").topicRulePayload(TopicRulePayload.builder()
                    .sql("SELECT * FROM 'svc-err/+'").awsIotSqlVersion("2016-03-23")
                    .actions(Action.builder().sqs(SqsAction.builder().queueUrl(queueUrl).roleArn(ROLE).build()).build())
                    .errorAction(Action.builder().republish(RepublishAction.builder().topic("svc-errors/${topic(2)}")
                            .roleArn(ROLE).build()).build())
                    .build()));
            publish("svc-err/dev1", "{\"a\":1}");

            Mqtt5Publish error = publishes.receive(20, TimeUnit.SECONDS).orElseThrow();
            assertThat(error.getTopic().toString()).isEqualTo("svc-errors/dev1");
            JsonNode document = JSON.readTree(error.getPayloadAsBytes());
            assertThat(document.path("ruleName").asText()).isEqualTo("to_missing_queue");
            assertThat(document.path("topic").asText()).isEqualTo("svc-err/dev1");
            assertThat(document.path("failures")).hasSize(1);
            JsonNode failure = document.path("failures").get(0);
            assertThat(failure.path("failedAction").asText()).isEqualTo("SqsAction");
            assertThat(failure.path("failedResource").asText()).isEqualTo(queueUrl);
            assertThat(failure.path("errorMessage").asText()).isEqualTo("SqsAction failed to send a message to "
                    + queueUrl + ": QueueDoesNotExist (HTTP 400): The specified queue does not exist.");
        } finally {
            watcher.disconnect();
        }
    }

    private void publish(String topic, String payload) {
        Mqtt5BlockingClient device = Clients.v5(broker, "svc-device-" + topic.replace('/', '-'));
        device.connect();
        try {
            device.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
        } finally {
            device.disconnect();
        }
    }
}
