package dev.iotcorelocal.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotcorelocal.auth.CompiledPolicies;
import dev.iotcorelocal.auth.PolicyAuthorizer;
import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.registry.AwsAccount;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.IssuedCertificate;
import dev.iotcorelocal.registry.RegistryRefusal;
import dev.iotcorelocal.registry.SecurityRegistry;
import dev.iotcorelocal.registry.ThingRegistry;
import dev.iotcorelocal.registry.ThingRegistryView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TestAuthorization's wire shape: AWS's members and lists for each decision, our explanations, AWS's errors. */
class TestAuthorizationApiTest {
    private static final String PREFIX = "arn:aws:iot:us-east-1:123456789012:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCertificateAuthority ca;
    private final ThingRegistry things = new ThingRegistry(new AwsAccount("123456789012", "us-east-1"),
            Clock.systemUTC());
    private final SecurityRegistry security;
    private final ApiHandler handler;
    private final String certificateArn;

    @BeforeAll
    static void createCa() throws Exception {
        ca = LocalCertificateAuthority.createInMemory("api test CA");
    }

    TestAuthorizationApiTest() {
        ThingRegistryView view = new ThingRegistryView(things);
        security = new SecurityRegistry(new Arns("123456789012", "us-east-1"), Clock.systemUTC(), ca, view);
        PolicyAuthorizer authorizer = new PolicyAuthorizer(security::snapshot, things::snapshot, security.arns(),
                new CompiledPolicies(), List.of(), "localhost");
        RouteTable routes = new RouteTable();
        new TestAuthorizationApi(authorizer.authorizationTester()).register(routes);
        handler = routes.handler(routes.match(ApiService.CONTROL, "POST", List.of("test-authorization")).operation());
        IssuedCertificate issued = security.certificates().createKeysAndCertificate(true);
        certificateArn = issued.certificate().arn();
        security.policies().create("devices", "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"" + PREFIX
                + "topic/devices/${iot:Connection.Thing.ThingName}/*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"iot:Publish\",\"Resource\":\"" + PREFIX + "topic/devices/*/admin\"}"
                + "]}", Map.of());
        security.policies().create("connect", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}", Map.of());
        security.attachments().attachPolicy("devices", certificateArn);
        security.attachments().attachPolicy("connect", certificateArn);
        things.createThing("lamp", null, Map.of());
        security.attachments().attachThingPrincipal("lamp", certificateArn, null);
    }

    private JsonNode call(String clientId, String body) throws Exception {
        ApiRequest request = new ApiRequest(ApiService.CONTROL, "TestAuthorization", Map.of(),
                clientId == null ? Map.of() : Map.of("clientId", List.of(clientId)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), null, null);
        ApiResponse response;
        try {
            response = handler.handle(request);
        } catch (RegistryRefusal refusal) { // as the dispatcher answers it
            throw AwsException.of(refusal);
        }
        assertThat(response.contentType()).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private String publish(String topic) {
        return "{\"principal\":\"" + certificateArn + "\",\"authInfos\":[{\"actionType\":\"PUBLISH\",\"resources\":[\""
                + PREFIX + "topic/" + topic + "\"]}]}";
    }

    @Test
    void anAllowedResultHasAwsMembersWithTheAllowingPolicyAndEmptyDenyLists() throws Exception {
        JsonNode result = call("lamp", publish("devices/lamp/state")).get("authResults").get(0);

        assertThat(JSON.readTree("{\"actionType\":\"PUBLISH\",\"resources\":[\"" + PREFIX
                + "topic/devices/lamp/state\"]}")).isEqualTo(result.get("authInfo"));
        assertThat(result.get("authDecision").asText()).isEqualTo("ALLOWED");
        assertThat(result.get("allowed")).isEqualTo(JSON.readTree("{\"policies\":[{\"policyName\":\"devices\","
                + "\"policyArn\":\"" + PREFIX + "policy/devices\"}]}"));
        assertThat(result.get("denied")).isEqualTo(JSON.readTree("{\"implicitDeny\":{\"policies\":[{\"policyName\":"
                + "\"connect\",\"policyArn\":\"" + PREFIX + "policy/connect\"}]},\"explicitDeny\":{\"policies\":[]}}"));
        assertThat(result.get("missingContextValues")).isEqualTo(JSON.readTree("[]"));
        assertThat(result.get("explanations").get(0).asText()).isEqualTo("Allowed iot:Publish for client 'lamp' on "
                + PREFIX + "topic/devices/lamp/state: allowed by policy 'devices' version 1 statement 0: Allow "
                + "iot:Publish on " + PREFIX + "topic/devices/lamp/state");
        assertThat(fieldNames(result)).containsExactly("authInfo", "allowed", "denied", "authDecision",
                "missingContextValues", "explanations");
    }

    @Test
    void anExplicitDenyListsTheDenyingPolicyUnderExplicitDeny() throws Exception {
        JsonNode result = call("lamp", publish("devices/lamp/admin")).get("authResults").get(0);

        assertThat(result.get("authDecision").asText()).isEqualTo("EXPLICIT_DENY");
        assertThat(result.at("/denied/explicitDeny/policies/0/policyName").asText()).isEqualTo("devices");
        assertThat(result.at("/allowed/policies")).isEmpty();
        assertThat(result.get("explanations").get(0).asText()).contains("denied by policy 'devices' version 1 "
                + "statement 1");
    }

    @Test
    void withoutAClientIdTheThingNameIsAMissingContextValue() throws Exception {
        JsonNode result = call(null, publish("devices/lamp/state")).get("authResults").get(0);

        assertThat(result.get("authDecision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(result.get("missingContextValues"))
                .isEqualTo(JSON.readTree("[\"iot:Connection.Thing.ThingName\"]"));
        assertThat(result.at("/denied/implicitDeny/policies").findValuesAsText("policyName"))
                .containsExactlyInAnyOrder("devices", "connect");
    }

    @Test
    void oneResultPerAuthInfoInOrder() throws Exception {
        JsonNode results = call("lamp", "{\"principal\":\"" + certificateArn + "\",\"authInfos\":["
                + "{\"actionType\":\"CONNECT\",\"resources\":[\"" + PREFIX + "client/lamp\"]},"
                + "{\"actionType\":\"SUBSCRIBE\",\"resources\":[\"" + PREFIX + "topicfilter/x\"]}]}").get("authResults");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("authDecision").asText()).isEqualTo("ALLOWED");
        assertThat(results.get(0).at("/allowed/policies/0/policyName").asText()).isEqualTo("connect");
        assertThat(results.get(1).get("authDecision").asText()).isEqualTo("IMPLICIT_DENY");
        assertThat(results.get(1).at("/authInfo/actionType").asText()).isEqualTo("SUBSCRIBE");
    }

    @Test
    void badRequestsAreInvalidRequestAndUnknownNamesResourceNotFound() {
        assertError("{\"principal\":\"" + certificateArn + "\",\"authInfos\":[]}", "InvalidRequestException", 400);
        assertError("{\"principal\":\"" + certificateArn + "\"}", "InvalidRequestException", 400);
        assertError("{\"principal\":\"" + certificateArn + "\",\"authInfos\":[{\"actionType\":\"DELETE\","
                + "\"resources\":[\"x\"]}]}", "InvalidRequestException", 400);
        assertError("{\"principal\":\"" + certificateArn + "\",\"authInfos\":[{\"actionType\":\"CONNECT\"}]}",
                "InvalidRequestException", 400);
        assertError("{\"principal\":\"us-east-1:cognito-id\",\"authInfos\":[{\"actionType\":\"CONNECT\","
                + "\"resources\":[\"x\"]}]}", "InvalidRequestException", 400);
        assertError("{\"principal\":\"" + PREFIX + "cert/" + "0".repeat(64) + "\",\"authInfos\":[{\"actionType\":"
                + "\"CONNECT\",\"resources\":[\"x\"]}]}", "ResourceNotFoundException", 404);
        assertError("{\"principal\":\"" + certificateArn + "\",\"policyNamesToAdd\":[\"nope\"],\"authInfos\":["
                + "{\"actionType\":\"CONNECT\",\"resources\":[\"x\"]}]}", "ResourceNotFoundException", 404);
        StringBuilder eleven = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("{\"actionType\":\"CONNECT\",\"resources\":[\"x\"]}");
        }
        assertError("{\"principal\":\"" + certificateArn + "\",\"authInfos\":[" + eleven + "]}",
                "InvalidRequestException", 400);
    }

    private void assertError(String body, String type, int status) {
        assertThatThrownBy(() -> call("lamp", body)).as(body).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorType()).isEqualTo(type);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
