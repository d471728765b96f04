package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.pki.DevPki;
import dev.iotcorelocal.transport.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener through a real HTTP client: routing, AWS's error shape, limits, plain and TLS on one port. */
class ApiServerTest {
    private static final int MAX_BODY = 4096;
    private static final String SIGNED_DATA = "AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/iotdata/aws4_request,"
            + " SignedHeaders=host, Signature=0";
    @TempDir
    static Path certificates;
    private static ApiServer server;
    private static int port;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Person(@JsonProperty("name") String name, @JsonProperty("age") int age) {
        Person {
            if (name == null || name.isEmpty()) {
                throw AwsException.invalidRequest("name is required");
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        new DevPki(certificates).ensure(List.of());
        RouteTable routes = new RouteTable()
                .on(ApiService.DATA, "Publish", request -> ApiResponse.json(Map.of(
                        "topic", request.path("topic"), "qos", request.queryLong("qos", 0, 1) == null ? 0
                                : request.queryLong("qos", 0, 1), "region", String.valueOf(request.region()),
                        "body", new String(request.body()))))
                .on(ApiService.CONTROL, "CreateThing", request -> ApiResponse.json(request.json(Person.class)))
                .on(ApiService.CONTROL, "DescribeThing", request -> {
                    throw new IllegalStateException("a bug");
                });
        server = new ApiServer(routes, TlsContexts.optionalClientAuthServer(certificates), MAX_BODY);
        port = server.bind("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    private static void assertAwsError(HttpResponse<String> response, int status, String type, String messagePart)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type + ":");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("message").asText()).contains(messagePart);
        assertThat(body.has("code")).as("no numeric code: botocore would read it as the type").isFalse();
        assertThat(response.body()).doesNotContain("at dev.iotcorelocal");
    }

    @Test
    void aServedOperationGetsItsDecodedLabelsQueryBodyAndRegion() throws Exception {
        HttpResponse<String> response = send(request("/topics/%24aws%2Frules%2Fr%2Fa?qos=1")
                .header("Authorization", SIGNED_DATA).POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("topic").asText()).isEqualTo("$aws/rules/r/a");
        assertThat(body.path("qos").asInt()).isEqualTo(1);
        assertThat(body.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(body.path("body").asText()).isEqualTo("hello");
    }

    @Test
    void aKnownOperationNoModuleServesIsNamedAsNotEmulated() throws Exception {
        assertAwsError(send(request("/policies").GET()), 501, "NotImplementedException",
                "iotcore-local does not emulate ListPolicies yet");
    }

    @Test
    void theSigningNameDecidesBetweenIotAndJobsOnASharedPath() throws Exception {
        assertAwsError(send(request("/things/lamp/jobs").GET()), 501, "NotImplementedException",
                "ListJobExecutionsForThing");
        assertAwsError(send(request("/things/lamp/jobs").GET().header("Authorization",
                SIGNED_DATA.replace("iotdata", "iot-jobs-data"))), 501, "NotImplementedException", "GetPendingJobExecutions");
    }

    @Test
    void anUnknownRouteOrServiceIsA404NamingWhatWasAsked() throws Exception {
        assertAwsError(send(request("/no/such/operation").GET()), 404, "UnknownOperationException",
                "GET /no/such/operation");
        assertAwsError(send(request("/things/lamp").GET().header("Authorization", SIGNED_DATA.replace("iotdata", "s3"))),
                404, "UnknownOperationException", "'s3'");
    }

    /** java.net.URI refuses to send bad escapes, so these go over a socket. */
    @Test
    void badPercentEncodingIsA400() throws Exception {
        for (String target : List.of("/topics/a%zzb", "/topics/a%C3%28", "/topics/a?qos=%zz")) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + SIGNED_DATA + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).startsWith("HTTP/1.1 400 ").contains("x-amzn-ErrorType: InvalidRequestException:")
                        .contains("percent-encod");
            }
        }
    }

    @Test
    void malformedJsonAndWrongTypesAreA400() throws Exception {
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString("{\"name\":"))), 400,
                "InvalidRequestException", "not valid JSON");
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString("[1]"))), 400,
                "InvalidRequestException", "JSON object");
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"x\",\"age\":\"12\"}"))), 400, "InvalidRequestException", "'age'");
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":7,\"age\":12}"))), 400, "InvalidRequestException", "'name'");
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString("{\"age\":12}"))), 400,
                "InvalidRequestException", "name is required");
        HttpResponse<String> valid = send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"x\",\"age\":12,\"unknownMember\":true}")));
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(valid.body())).isEqualTo(JSON.readTree("{\"name\":\"x\",\"age\":12}"));
    }

    @Test
    void anOversizedBodyIsAwsA413AndTheConnectionServesTheNextRequest() throws Exception {
        assertAwsError(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MAX_BODY + 1]))),
                413, "RequestEntityTooLargeException", String.valueOf(MAX_BODY));
        assertThat(send(request("/things/lamp").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"age\":1}")))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aHandlerBugIsAnInternalFailureWithoutAStackTrace() throws Exception {
        assertAwsError(send(request("/things/lamp").GET()), 500, "InternalFailureException", "DescribeThing");
    }

    @Test
    void theSamePortServesTlsWithoutAClientCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificates.resolve(DevPki.CA_CERT))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        HttpClient tls = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                        + "/topics/t")).header("Authorization", SIGNED_DATA)
                .POST(HttpRequest.BodyPublishers.ofString("over tls")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("body").asText()).isEqualTo("over tls");
    }
}
