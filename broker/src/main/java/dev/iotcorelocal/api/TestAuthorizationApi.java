package dev.iotcorelocal.api;

import dev.iotcorelocal.auth.AuthorizationTester;
import dev.iotcorelocal.registry.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/**
 * TestAuthorization: AWS's request and response shape, answered by the broker's own authorization
 * (so it says what a device would get), plus one extra member per result, {@code explanations},
 * the engine's words for each resource: the AWS SDKs drop it, raw HTTP and {@code aws --debug} show it.
 */
public final class TestAuthorizationApi implements ApiModule {
    /** AWS's limits on authInfos (1-10) and resource ARNs (2048 characters); ours on resources per authInfo. */
    static final int MAX_AUTH_INFOS = 10;
    static final int MAX_RESOURCE_LENGTH = 2048;
    static final int MAX_RESOURCES = 100;
    private static final Map<String, String> ACTIONS = Map.of("PUBLISH", "iot:Publish", "SUBSCRIBE", "iot:Subscribe",
            "RECEIVE", "iot:Receive", "CONNECT", "iot:Connect");
    private final AuthorizationTester tester;

    public TestAuthorizationApi(AuthorizationTester tester) {
        this.tester = tester;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "TestAuthorization", this::test);
    }

    private ApiResponse test(ApiRequest request) {
        Body body = request.json(Body.class);
        List<AuthInfo> authInfos = body.authInfos();
        if (authInfos == null || authInfos.isEmpty() || authInfos.size() > MAX_AUTH_INFOS) {
            throw AwsException.invalidRequest("authInfos must hold 1 to " + MAX_AUTH_INFOS + " entries");
        }
        List<AuthorizationTester.Request> requests = new ArrayList<>(authInfos.size());
        for (AuthInfo info : authInfos) {
            requests.add(request(info));
        }
        List<AuthorizationTester.Result> results = tester.test(body.principal(), request.query("clientId"),
                names(body.policyNamesToAdd()), names(body.policyNamesToSkip()), requests);
        List<AuthResult> authResults = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            authResults.add(authResult(authInfos.get(i), results.get(i)));
        }
        return ApiResponse.json(new Response(authResults));
    }

    private static AuthorizationTester.Request request(AuthInfo info) {
        if (info == null || info.actionType() == null || !ACTIONS.containsKey(info.actionType())) {
            throw AwsException.invalidRequest("authInfos[].actionType must be one of PUBLISH, SUBSCRIBE, RECEIVE, "
                    + "CONNECT, was: " + (info == null ? null : info.actionType()));
        }
        List<String> resources = info.resources();
        if (resources == null || resources.isEmpty() || resources.size() > MAX_RESOURCES) {
            throw AwsException.invalidRequest("authInfos[].resources must hold 1 to " + MAX_RESOURCES
                    + " resource ARNs");
        }
        for (String resource : resources) {
            if (resource == null || resource.isEmpty() || resource.length() > MAX_RESOURCE_LENGTH) {
                throw AwsException.invalidRequest("authInfos[].resources: each is an ARN of 1 to "
                        + MAX_RESOURCE_LENGTH + " characters");
            }
        }
        return new AuthorizationTester.Request(ACTIONS.get(info.actionType()), resources);
    }

    private static List<String> names(List<String> names) {
        if (names == null) {
            return List.of();
        }
        if (names.stream().anyMatch(n -> n == null || n.isEmpty())) {
            throw AwsException.invalidRequest("policy names must not be empty");
        }
        return names;
    }

    private static AuthResult authResult(AuthInfo info, AuthorizationTester.Result result) {
        return new AuthResult(new AuthInfo(info.actionType(), info.resources()),
                new Policies(summaries(result.allowed())),
                new Denied(new Policies(summaries(result.implicitDeny())), new Policies(summaries(result.explicitDeny()))),
                result.decision().name(), result.missingContextValues(), result.explanations());
    }

    private static List<PolicySummary> summaries(List<Policy> policies) {
        return policies.stream().map(p -> new PolicySummary(p.name(), p.arn())).toList();
    }

    /** The request; clientId travels in the query string, as AWS's model puts it. */
    record Body(String principal, String cognitoIdentityPoolId, List<AuthInfo> authInfos,
                List<String> policyNamesToAdd, List<String> policyNamesToSkip) {
    }

    record AuthInfo(String actionType, List<String> resources) {
    }

    record Response(List<AuthResult> authResults) {
    }

    /** AWS's AuthResult, and {@code explanations}, iotcore-local's own member. */
    record AuthResult(AuthInfo authInfo, Policies allowed, Denied denied, String authDecision,
                      List<String> missingContextValues, List<String> explanations) {
    }

    /** Allowed, ImplicitDeny and ExplicitDeny all are {@code {"policies": [...]}}. */
    record Policies(List<PolicySummary> policies) {
    }

    record Denied(Policies implicitDeny, Policies explicitDeny) {
    }

    record PolicySummary(String policyName, String policyArn) {
    }
}
