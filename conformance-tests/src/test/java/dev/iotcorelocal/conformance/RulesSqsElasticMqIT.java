package dev.iotcorelocal.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.SqsAction;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule created with the AWS SDK whose sqs action sends into a real SQS server (ElasticMQ on
 * 127.0.0.1, the broker's rules.aws-endpoint-url), fed by an MQTT publish and read back with the
 * AWS SDK's SQS client, as a developer would with LocalStack.
 */
class RulesSqsElasticMqIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SQSRestServer ELASTIC_MQ = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    private static final URI SQS_ENDPOINT =
            URI.create("http://127.0.0.1:" + ELASTIC_MQ.waitUntilStarted().localAddress().getPort());

    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass()
            .withConfig(config -> config.withRules(config.rules().withAwsEndpointUrl(SQS_ENDPOINT.toString())));
    private final IotCoreEndpoints broker;

    RulesSqsElasticMqIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @AfterAll
    static void stopSqs() {
        ELASTIC_MQ.stopAndWait();
    }

    @Test
    void aPublishedMessageReachesTheQueueReshapedByTheRule() throws Exception {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(SQS_ENDPOINT).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
             IotClient iot = AwsClients.iot(broker)) {
            String queueUrl = sqs.createQueue(create -> create.queueName("readings")).queueUrl();
            iot.createTopicRule(rule -> rule.ruleName("readings_to_sqs").topicRulePayload(TopicRulePayload.builder()
                    .sql("SELECT temp, topic(2) AS device FROM 'sqs-dt/+/temp' WHERE temp > 50")
                    .awsIotSqlVersion("2016-03-23")
                    .actions(Action.builder().sqs(SqsAction.builder().queueUrl(queueUrl)
                            .roleArn("arn:aws:iam::123456789012:role/rules").build()).build())
                    .build()));
            Mqtt5BlockingClient device = Clients.v5(broker, "sqs-rule-device");
            device.connect();
            try {
                for (String payload : List.of("{\"temp\":40,\"x\":1}", "{\"temp\":61,\"x\":2}")) {
                    device.publishWith().topic("sqs-dt/lamp-1/temp").qos(MqttQos.AT_LEAST_ONCE)
                            .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
                }
            } finally {
                device.disconnect();
            }

            List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(10)
                    .maxNumberOfMessages(10)).messages();

            assertThat(messages).hasSize(1); // the 40 degrees did not pass the WHERE
            assertThat(JSON.readTree(messages.get(0).body())).isEqualTo(JSON.readTree("{\"temp\":61,\"device\":\"lamp-1\"}"));
        }
    }
}
