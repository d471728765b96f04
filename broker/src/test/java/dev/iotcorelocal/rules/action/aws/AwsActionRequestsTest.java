package dev.iotcorelocal.rules.action.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.iotcorelocal.rules.action.ActionFailedException;
import dev.iotcorelocal.rules.action.ActionRequest;
import dev.iotcorelocal.rules.action.TestEnvironment;
import dev.iotcorelocal.rules.action.RuleAction;
import dev.iotcorelocal.testsupport.RecordingHttpServer;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Request;
import dev.iotcorelocal.testsupport.RecordingHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each SDK action against a recording HTTP server: the request the SDK sent (operation, signing
 * service, resource, body made of the payload and the rendered templates) is what AWS would get.
 */
class AwsActionRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final String JSON_10 = "application/x-amz-json-1.0";
    private static final String JSON_11 = "application/x-amz-json-1.1";
    private RecordingHttpServer service;
    private AwsActions actions;

    @BeforeEach
    void start() throws Exception {
        service = RecordingHttpServer.start(request -> Response.of(200, JSON_10, "{}"));
        // short timeouts: the failure tests must not wait the production defaults out
        actions = new AwsActions(new SdkTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        actions.close();
        service.close();
    }

    @Test
    void lambdaInvokesTheFunctionAsynchronouslyWithThePayload() throws Exception {
        service.answer(request -> Response.empty(202));
        run("lambda", "{\"functionArn\": \"arn:aws:lambda:us-east-1:123456789012:function:fn-${topic()}\"}",
                "dev1", "{\"t\":1}");

        Request request = service.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(URLDecoder.decode(request.path(), StandardCharsets.UTF_8))
                .isEqualTo("/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn-dev1/invocations");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(request.signingService()).isEqualTo("lambda");
        assertThat(request.bodyText()).isEqualTo("{\"t\":1}");
    }

    @Test
    void snsPublishesThePayloadToTheTopicAndJsonFormatSetsTheMessageStructure() throws Exception {
        service.answer(request -> Response.of(200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/"
                + "doc/2010-03-31/\"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata>"
                + "<RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>"));
        run("sns", "{\"targetArn\": \"arn:aws:sns:us-east-1:123456789012:${topic()}\"}", "alerts", "{\"a\":1}");
        run("sns", "{\"targetArn\": \"arn:aws:sns:us-east-1:123456789012:t\", \"messageFormat\": \"JSON\"}", "x",
                "{\"default\":\"hi\"}");

        Map<String, String> raw = form(service.take());
        assertThat(raw).containsEntry("Action", "Publish")
                .containsEntry("TopicArn", "arn:aws:sns:us-east-1:123456789012:alerts")
                .containsEntry("Message", "{\"a\":1}")
                .doesNotContainKey("MessageStructure");
        Request json = service.take();
        assertThat(json.signingService()).isEqualTo("sns");
        assertThat(form(json)).containsEntry("MessageStructure", "json").containsEntry("Message", "{\"default\":\"hi\"}");
    }

    @Test
    void dynamoDbV2PutsEachTopLevelFieldAsATypedAttribute() throws Exception {
        run("dynamoDBv2", "{\"putItem\": {\"tableName\": \"t-${topic()}\"}, \"roleArn\": \"arn:aws:iam::1:role/r\"}",
                "sensors", "{\"id\":\"a\",\"n\":0.12345678901234567890123,\"i\":7,\"ok\":true,\"none\":null,\"tags\":[\"x\",1],\"o\":{\"k\":\"v\"}}");

        Request request = service.take();
        assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.PutItem");
        assertThat(request.signingService()).isEqualTo("dynamodb");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"TableName": "t-sensors", "Item": {"id": {"S": "a"}, "n": {"N": "0.12345678901234567890123"}, "i": {"N": "7"},
                 "ok": {"BOOL": true}, "none": {"NULL": true}, "tags": {"L": [{"S": "x"}, {"N": "1"}]},
                 "o": {"M": {"k": {"S": "v"}}}}}"""));
    }

    @Test
    void dynamoDbV2FailsWithoutARequestWhenTheResultIsNotAnObject() throws Exception {
        RuleAction action = action("dynamoDBv2", "{\"putItem\": {\"tableName\": \"t\"}}");

        assertThatThrownBy(() -> action.run(TestEnvironment.request("x", "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("DynamoDBv2Action needs the SELECT result to be a JSON object, one attribute per field; "
                        + "it was a JSON array");
        action.run(TestEnvironment.request("marker", "{\"m\":1}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join();
        // the first request the table sees is the marker's: the array sent nothing
        assertThat(JSON.readTree(service.take().body()).path("Item").path("m").path("N").asText()).isEqualTo("1");
    }

    @Test
    void dynamoDbInsertsTheKeysAndThePayloadColumn() throws Exception {
        run("dynamoDB", """
                {"tableName": "readings", "hashKeyField": "device", "hashKeyValue": "${topic(2)}",
                 "rangeKeyField": "ts", "rangeKeyValue": "${timestamp()}", "rangeKeyType": "NUMBER",
                 "payloadField": "data_${t}"}""", "dt/dev1", "{\"t\":1}");

        Request request = service.take();
        assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.PutItem");
        assertThat(JSON.readTree(request.body())).isEqualTo(JSON.readTree("""
                {"TableName": "readings", "Item": {"device": {"S": "dev1"}, "ts": {"N": "1700000000000"},
                 "data_1": {"M": {"t": {"N": "1"}}}}}"""));
    }

    @Test
    void dynamoDbWritesANonJsonPayloadAsBinaryInThePayloadColumn() throws Exception {
        run("dynamoDB", "{\"tableName\": \"t\", \"hashKeyField\": \"k\", \"hashKeyValue\": \"v\"}", "x",
                new byte[]{0, (byte) 0xff});

        assertThat(JSON.readTree(service.take().body()).path("Item").path("payload"))
                .isEqualTo(JSON.readTree("{\"B\": \"AP8=\"}"));
    }

    @Test
    void dynamoDbUpdateAndDeleteUseTheKey() throws Exception {
        String keys = "\"tableName\": \"t\", \"hashKeyField\": \"k\", \"hashKeyValue\": \"42\", \"hashKeyType\": \"NUMBER\"";
        run("dynamoDB", "{" + keys + ", \"operation\": \"UPDATE\"}", "x", "{\"a\":\"b\"}");
        run("dynamoDB", "{" + keys + ", \"operation\": \"DELETE\"}", "x", "{}");

        Request update = service.take();
        assertThat(update.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.UpdateItem");
        assertThat(JSON.readTree(update.body())).isEqualTo(JSON.readTree("""
                {"TableName": "t", "Key": {"k": {"N": "42"}}, "UpdateExpression": "SET #payload = :payload",
                 "ExpressionAttributeNames": {"#payload": "payload"},
                 "ExpressionAttributeValues": {":payload": {"M": {"a": {"S": "b"}}}}}"""));
        Request delete = service.take();
        assertThat(delete.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.DeleteItem");
        assertThat(JSON.readTree(delete.body())).isEqualTo(JSON.readTree("{\"TableName\": \"t\", \"Key\": {\"k\": {\"N\": \"42\"}}}"));
    }

    @Test
    void dynamoDbRefusesANumberKeyThatIsNotANumber() throws Exception {
        RuleAction action = action("dynamoDB",
                "{\"tableName\": \"t\", \"hashKeyField\": \"k\", \"hashKeyValue\": \"${topic()}\", \"hashKeyType\": \"NUMBER\"}");

        assertThatThrownBy(() -> action.run(TestEnvironment.request("abc", "{}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("DynamoDBAction: key k is a NUMBER but its value 'abc' is not a number");
    }

    @Test
    void s3PutsThePayloadAtTheTemplatedKeyWithTheCannedAcl() throws Exception {
        service.answer(request -> new Response(200, Map.of("ETag", "\"e\""), new byte[0]));
        run("s3", "{\"bucketName\": \"my-bucket\", \"key\": \"${topic()}/data.json\", \"cannedAcl\": \"public-read\"}",
                "dev1", "{\"t\":1}");

        Request request = service.take();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/my-bucket/dev1/data.json");
        assertThat(request.header("x-amz-acl")).isEqualTo("public-read");
        assertThat(request.signingService()).isEqualTo("s3");
        assertThat(request.bodyText()).isEqualTo("{\"t\":1}");
    }

    @Test
    void kinesisPutsARecordWithTheTemplatedPartitionKey() throws Exception {
        service.answer(request -> cbor(Map.of("ShardId", "shardId-000000000000", "SequenceNumber", "1")));
        run("kinesis", "{\"streamName\": \"s-${topic()}\", \"partitionKey\": \"${topic()}\"}", "dev1", "{\"t\":1}");

        Request request = service.take();
        assertThat(request.header("X-Amz-Target")).isEqualTo("Kinesis_20131202.PutRecord");
        assertThat(request.signingService()).isEqualTo("kinesis");
        JsonNode body = CBOR.readTree(request.body());
        assertThat(body.path("StreamName").asText()).isEqualTo("s-dev1");
        assertThat(body.path("PartitionKey").asText()).isEqualTo("dev1");
        assertThat(new String(body.path("Data").binaryValue(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":1}");
    }

    @Test
    void firehosePutsTheRecordFollowedByTheSeparator() throws Exception {
        service.answer(request -> Response.of(200, JSON_11, "{\"RecordId\":\"r-1\",\"Encrypted\":false}"));
        run("firehose", "{\"deliveryStreamName\": \"d-${topic()}\", \"separator\": \"\\n\"}", "dev1", "{\"t\":1}");

        Request request = service.take();
        assertThat(request.header("X-Amz-Target")).isEqualTo("Firehose_20150804.PutRecord");
        assertThat(request.signingService()).isEqualTo("firehose");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("DeliveryStreamName").asText()).isEqualTo("d-dev1");
        assertThat(decoded(body.path("Record").path("Data"))).isEqualTo("{\"t\":1}\n");
    }

    @Test
    void firehoseBatchModeSendsEachArrayElementAsARecord() throws Exception {
        service.answer(request -> Response.of(200, JSON_11,
                "{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[{\"RecordId\":\"1\"},{\"RecordId\":\"2\"}]}"));
        run("firehose", "{\"deliveryStreamName\": \"d\", \"separator\": \",\", \"batchMode\": true}", "x",
                "[{\"a\":1},\"b\"]");

        Request request = service.take();
        assertThat(request.header("X-Amz-Target")).isEqualTo("Firehose_20150804.PutRecordBatch");
        JsonNode records = JSON.readTree(request.body()).path("Records");
        assertThat(records).hasSize(2);
        assertThat(decoded(records.get(0).path("Data"))).isEqualTo("{\"a\":1},");
        assertThat(decoded(records.get(1).path("Data"))).isEqualTo("\"b\",");
    }

    @Test
    void firehoseBatchModeFailsWhenARecordIsRefused() throws Exception {
        service.answer(request -> Response.of(200, JSON_11, "{\"FailedPutCount\":1,\"Encrypted\":false,"
                + "\"RequestResponses\":[{\"RecordId\":\"1\"},{\"ErrorCode\":\"ServiceUnavailableException\","
                + "\"ErrorMessage\":\"Slow down.\"}]}"));
        RuleAction action = action("firehose", "{\"deliveryStreamName\": \"d\", \"batchMode\": true}");

        assertThatThrownBy(() -> action.run(TestEnvironment.request("x", "[1,2]".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("FirehoseAction failed to put 2 records into delivery stream d: 1 failed, the first with "
                        + "ServiceUnavailableException: Slow down.");
    }

    @Test
    void cloudwatchLogsCreatesTheRulesStreamOnceThenPutsEachMessageAsAnEvent() throws Exception {
        service.answer(request -> Response.of(200, JSON_11, "{}"));
        run("cloudwatchLogs", "{\"logGroupName\": \"/iot/${topic()}\"}", "dev1", "first");
        run("cloudwatchLogs", "{\"logGroupName\": \"/iot/${topic()}\"}", "dev1", "second");

        Request create = service.take();
        assertThat(create.header("X-Amz-Target")).isEqualTo("Logs_20140328.CreateLogStream");
        assertThat(create.signingService()).isEqualTo("logs");
        assertThat(JSON.readTree(create.body()))
                .isEqualTo(JSON.readTree("{\"logGroupName\": \"/iot/dev1\", \"logStreamName\": \"test_rule\"}"));
        Request first = service.take();
        assertThat(first.header("X-Amz-Target")).isEqualTo("Logs_20140328.PutLogEvents");
        assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree("""
                {"logGroupName": "/iot/dev1", "logStreamName": "test_rule",
                 "logEvents": [{"timestamp": 1700000000000, "message": "first"}]}"""));
        // the stream is known now: no second CreateLogStream
        Request second = service.take();
        assertThat(second.header("X-Amz-Target")).isEqualTo("Logs_20140328.PutLogEvents");
        assertThat(JSON.readTree(second.body()).path("logEvents").get(0).path("message").asText()).isEqualTo("second");
    }

    @Test
    void cloudwatchLogsUsesAStreamThatAlreadyExistsAndBatchModeSendsEachElement() throws Exception {
        service.answer(request -> request.header("X-Amz-Target").endsWith("CreateLogStream")
                ? Response.of(400, JSON_11, "{\"__type\":\"ResourceAlreadyExistsException\",\"message\":\"exists\"}")
                : Response.of(200, JSON_11, "{}"));
        run("cloudwatchLogs", "{\"logGroupName\": \"g\", \"batchMode\": true}", "x",
                "[{\"timestamp\": 2, \"message\": \"b\"}, {\"timestamp\": 1, \"message\": {\"a\": 1}}]");

        assertThat(service.take().header("X-Amz-Target")).isEqualTo("Logs_20140328.CreateLogStream");
        assertThat(JSON.readTree(service.take().body()).path("logEvents")).isEqualTo(JSON.readTree("""
                [{"timestamp": 1, "message": "{\\"a\\":1}"}, {"timestamp": 2, "message": "b"}]"""));
    }

    @Test
    void aServerErrorFailsTheActionAfterTheSdksRetries() throws Exception {
        service.answer(request -> Response.of(500, JSON_10,
                "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"boom\"}"));
        RuleAction action = action("dynamoDBv2", "{\"putItem\": {\"tableName\": \"t\"}}");

        assertThatThrownBy(() -> action.run(TestEnvironment.request("x", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("DynamoDBv2Action failed to put an item into table t: InternalServerError (HTTP 500): boom");
    }

    @Test
    void anEndpointThatNeverAnswersFailsTheActionWhenTheCallTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        service.answer(request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Response.of(200, JSON_10, "{}");
        });
        try (AwsActions impatient = new AwsActions(
                new SdkTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(1)))) {
            RuleAction action = impatient.factories().stream().filter(f -> f.key().equals("dynamoDBv2")).findFirst()
                    .orElseThrow().create(JSON.readTree("{\"putItem\": {\"tableName\": \"t\"}}"),
                            new TestEnvironment(service.uri(), "us-east-1"));

            assertThatThrownBy(() -> action.run(TestEnvironment.request("x", "{}".getBytes(StandardCharsets.UTF_8)))
                    .toCompletableFuture().join())
                    .cause().isInstanceOf(ActionFailedException.class)
                    .hasMessageStartingWith("DynamoDBv2Action failed to put an item into table t: ")
                    .hasMessageContaining("did not complete");
        } finally {
            release.countDown();
        }
    }

    @Test
    void afterCloseAnActionFailsRatherThanMakingAClient() throws Exception {
        RuleAction action = action("kinesis", "{\"streamName\": \"s\"}");
        actions.close();

        assertThatThrownBy(() -> action.run(TestEnvironment.request("x", "{}".getBytes(StandardCharsets.UTF_8)))
                .toCompletableFuture().join())
                .cause().isInstanceOf(ActionFailedException.class)
                .hasMessage("the broker is stopping: no kinesis client is created any more");
    }

    @Test
    void everyActionWithoutAnEndpointIsNotEmulatedAndNamesItsResource() throws Exception {
        Map<String, String> specs = new LinkedHashMap<>();
        specs.put("lambda", "{\"functionArn\": \"arn:fn\"}");
        specs.put("sns", "{\"targetArn\": \"arn:topic\"}");
        specs.put("dynamoDBv2", "{\"putItem\": {\"tableName\": \"table2\"}}");
        specs.put("dynamoDB", "{\"tableName\": \"table1\", \"hashKeyField\": \"k\", \"hashKeyValue\": \"v\"}");
        specs.put("s3", "{\"bucketName\": \"bucket\", \"key\": \"k\"}");
        specs.put("kinesis", "{\"streamName\": \"stream\"}");
        specs.put("firehose", "{\"deliveryStreamName\": \"delivery\"}");
        specs.put("cloudwatchLogs", "{\"logGroupName\": \"group\"}");
        Map<String, String> expected = Map.of("lambda", "LambdaAction arn:fn", "sns", "SnsAction arn:topic",
                "dynamoDBv2", "DynamoDBv2Action table2", "dynamoDB", "DynamoDBAction table1", "s3", "S3Action bucket",
                "kinesis", "KinesisAction stream", "firehose", "FirehoseAction delivery",
                "cloudwatchLogs", "CloudwatchLogsAction group");
        ActionRequest request = TestEnvironment.request("x", "{}".getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> spec : specs.entrySet()) {
            RuleAction action = factory(spec.getKey()).create(JSON.readTree(spec.getValue()),
                    TestEnvironment.withoutEndpoint());
            assertThat(action.failedActionName() + " " + action.failedResource(request))
                    .isEqualTo(expected.get(spec.getKey()));
            assertThatThrownBy(() -> action.run(request).toCompletableFuture().join())
                    .cause().isInstanceOf(ActionFailedException.class)
                    .hasMessage(action.failedActionName()
                            + " is not emulated here: set rules.aws-endpoint-url (e.g. a LocalStack) to run it");
        }
    }

    private void run(String key, String spec, String topic, String payload) throws Exception {
        run(key, spec, topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private void run(String key, String spec, String topic, byte[] payload) throws Exception {
        action(key, spec).run(TestEnvironment.request(topic, payload)).toCompletableFuture().join();
    }

    private RuleAction action(String key, String spec) throws Exception {
        return factory(key).create(JSON.readTree(spec), new TestEnvironment(service.uri(), "us-east-1"));
    }

    private dev.iotcorelocal.rules.action.ActionFactory factory(String key) {
        return actions.factories().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
    }

    private static String decoded(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(Request request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.bodyText().split("&")) {
            int equals = pair.indexOf('=');
            Function<String, String> decode = text -> URLDecoder.decode(text, StandardCharsets.UTF_8);
            fields.put(decode.apply(pair.substring(0, equals)), decode.apply(pair.substring(equals + 1)));
        }
        return fields;
    }

    private static Response cbor(Map<String, String> body) {
        try {
            return Response.of(200, "application/x-amz-cbor-1.1", CBOR.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
