package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.AttachmentService;
import dev.iotcorelocal.registry.Page;
import dev.iotcorelocal.registry.Policy;

import java.util.List;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/**
 * Policies on targets: AttachPolicy, DetachPolicy, ListAttachedPolicies, ListTargetsForPolicy,
 * GetEffectivePolicies, and the deprecated Attach/Detach/ListPrincipalPolicies older code still calls.
 */
public final class PolicyAttachmentsApi implements ApiModule {
    private static final String IOT_PRINCIPAL = "x-amzn-iot-principal";
    private final AttachmentService attachments;

    public PolicyAttachmentsApi(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "AttachPolicy", this::attach)
                .on(CONTROL, "DetachPolicy", this::detach)
                .on(CONTROL, "ListAttachedPolicies", this::listAttached)
                .on(CONTROL, "ListTargetsForPolicy", this::listTargets)
                .on(CONTROL, "GetEffectivePolicies", this::effective)
                .on(CONTROL, "AttachPrincipalPolicy", this::attachPrincipal)
                .on(CONTROL, "DetachPrincipalPolicy", this::detachPrincipal)
                .on(CONTROL, "ListPrincipalPolicies", this::listPrincipal);
    }

    private ApiResponse attach(ApiRequest request) {
        attachments.attachPolicy(request.path("policyName"), request.json(TargetBody.class).target());
        return ApiResponse.empty();
    }

    private ApiResponse detach(ApiRequest request) {
        attachments.detachPolicy(request.path("policyName"), request.json(TargetBody.class).target(), false);
        return ApiResponse.empty();
    }

    private ApiResponse listAttached(ApiRequest request) {
        return policies(attachments.listAttachedPolicies(request.path("target"),
                request.queryBoolean("recursive", false), request.query("marker"),
                RegistryCalls.size(request, "pageSize")));
    }

    private ApiResponse listTargets(ApiRequest request) {
        Page<String> page = attachments.listTargetsForPolicy(request.path("policyName"), request.query("marker"),
                RegistryCalls.size(request, "pageSize"));
        return ApiResponse.json(new Targets(page.items(), page.next()));
    }

    private ApiResponse effective(ApiRequest request) {
        EffectiveBody body = request.json(EffectiveBody.class);
        if (body.cognitoIdentityPoolId() != null) {
            throw AwsException.invalidRequest("iotcore-local does not emulate Amazon Cognito identities");
        }
        List<Policy> effective = attachments.effectivePolicies(body.principal(), request.query("thingName"));
        return ApiResponse.json(new Effective(effective.stream().map(p -> new EffectivePolicy(p.name(), p.arn(),
                p.defaultVersion().document())).toList()));
    }

    private ApiResponse attachPrincipal(ApiRequest request) {
        attachments.attachPolicy(request.path("policyName"),
                RegistryCalls.requiredHeader(request, IOT_PRINCIPAL, "principal"));
        return ApiResponse.empty();
    }

    private ApiResponse detachPrincipal(ApiRequest request) {
        attachments.detachPolicy(request.path("policyName"),
                RegistryCalls.requiredHeader(request, IOT_PRINCIPAL, "principal"), true);
        return ApiResponse.empty();
    }

    private ApiResponse listPrincipal(ApiRequest request) {
        return policies(attachments.listAttachedPolicies(RegistryCalls.requiredHeader(request, IOT_PRINCIPAL,
                "principal"), false, request.query("marker"), RegistryCalls.size(request, "pageSize")));
    }

    private static ApiResponse policies(Page<Policy> page) {
        return ApiResponse.json(new PoliciesApi.Listed(RegistryCalls.map(page, PoliciesApi::summary), page.next()));
    }

    record TargetBody(String target) {
    }

    record EffectiveBody(String principal, String cognitoIdentityPoolId) {
    }

    record Targets(List<String> targets, String nextMarker) {
    }

    record EffectivePolicy(String policyName, String policyArn, String policyDocument) {
    }

    record Effective(List<EffectivePolicy> effectivePolicies) {
    }
}
