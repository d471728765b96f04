package dev.iotcorelocal.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableTest {
    private final RouteTable routes = new RouteTable();

    private static List<String> raw(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    @Test
    void labelsAreDecodedAfterTheSplitSoAnEncodedSlashStaysInTheTopic() {
        RouteTable.Match match = routes.match(ApiService.DATA, "POST", raw("/topics/%24aws%2Frules%2Fr%2Fa%20b+c"));
        assertThat(match.operation().name()).isEqualTo("Publish");
        assertThat(match.labels()).containsEntry("topic", "$aws/rules/r/a b+c");
    }

    @Test
    void aLiteralSegmentBeatsALabel() {
        assertThat(routes.match(ApiService.CONTROL, "PUT", raw("/thing-groups/addThingToThingGroup"))
                .operation().name()).isEqualTo("AddThingToThingGroup");
        assertThat(routes.match(ApiService.JOBS, "PUT", raw("/things/lamp/jobs/$next")).operation().name())
                .isEqualTo("StartNextPendingJobExecution");
        assertThat(routes.match(ApiService.CONTROL, "GET", raw("/thing-groups/addThingToThingGroup"))
                .operation().name()).isEqualTo("DescribeThingGroup");
    }

    @Test
    void greedyLabelsKeepTheirSlashes() {
        RouteTable.Match match = routes.match(ApiService.CONTROL, "GET",
                raw("/destinations/arn:aws:iot:us-east-1:123456789012:ruledestination/http/abc"));
        assertThat(match.operation().name()).isEqualTo("GetTopicRuleDestination");
        assertThat(match.labels()).containsEntry("arn", "arn:aws:iot:us-east-1:123456789012:ruledestination/http/abc");
    }

    @Test
    void theTrailingSlashOfListAuthorizersIsOptional() {
        assertThat(routes.match(ApiService.CONTROL, "GET", raw("/authorizers/")).operation().name())
                .isEqualTo("ListAuthorizers");
        assertThat(routes.match(ApiService.CONTROL, "GET", raw("/authorizers")).operation().name())
                .isEqualTo("ListAuthorizers");
    }

    @Test
    void anEmptyLabelMatchesNothing() {
        assertThat(routes.match(ApiService.CONTROL, "DELETE", raw("/things/"))).isNull();
        assertThat(routes.match(ApiService.CONTROL, "GET", raw("/no-such-thing"))).isNull();
    }

    @Test
    void badPercentEncodingIsTheClientsError() {
        for (String path : List.of("/things/a%2", "/things/a%zz", "/things/%C3%28")) {
            assertThatThrownBy(() -> routes.match(ApiService.CONTROL, "GET", raw(path)))
                    .isInstanceOfSatisfying(AwsException.class, e -> {
                        assertThat(e.errorType()).isEqualTo("InvalidRequestException");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
    }

    @Test
    void theCatalogueHasEveryOperationOfTheThreeModels() {
        assertThat(OperationCatalog.load()).hasSize(272 + 8 + 5)
                .extracting(Operation::name).contains("CreateThing", "DeleteConnection", "UpdateJobExecution");
    }

    @Test
    void registeringAnUnknownOrDuplicateOperationFailsAtStart() {
        ApiHandler handler = request -> ApiResponse.empty();
        assertThatThrownBy(() -> routes.on(ApiService.CONTROL, "Publish", handler))
                .hasMessageContaining("iot has no operation Publish");
        routes.on(ApiService.DATA, "Publish", handler);
        assertThatThrownBy(() -> routes.on(ApiService.DATA, "Publish", handler)).hasMessageContaining("twice");
    }

    @Test
    void unsignedRequestsGoByPathThenHostPrefix() {
        assertThat(ServiceResolver.unsigned(routes, "localhost:8443", "POST", raw("/topics/a"))).isEqualTo(ApiService.DATA);
        assertThat(ServiceResolver.unsigned(routes, "localhost:8443", "GET", raw("/things/lamp")))
                .isEqualTo(ApiService.CONTROL);
        assertThat(ServiceResolver.unsigned(routes, "localhost", "GET", raw("/things/lamp/shadow")))
                .isEqualTo(ApiService.DATA);
        assertThat(ServiceResolver.unsigned(routes, "localhost", "GET", raw("/things/lamp/jobs")))
                .isEqualTo(ApiService.CONTROL);
        assertThat(ServiceResolver.unsigned(routes, "data.jobs.iot.us-east-1.amazonaws.com", "GET",
                raw("/things/lamp/jobs"))).isEqualTo(ApiService.JOBS);
        assertThat(ServiceResolver.unsigned(routes, "localhost", "PUT", raw("/things/lamp/jobs/$next")))
                .isEqualTo(ApiService.JOBS);
    }

    @Test
    void theCredentialScopeNamesServiceAndRegion() {
        ServiceResolver.CredentialScope scope = ServiceResolver.scope("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20260101/eu-west-1/iotdata/aws4_request, SignedHeaders=host, Signature=abc", null);
        assertThat(scope).isEqualTo(new ServiceResolver.CredentialScope("eu-west-1", "iotdata"));
        assertThat(ApiService.forSigningName(scope.service())).isEqualTo(ApiService.DATA);
        assertThat(ApiService.forSigningName("execute-api")).isEqualTo(ApiService.CONTROL);
        assertThat(ServiceResolver.scope("Bearer x", null)).isNull();
    }
}
