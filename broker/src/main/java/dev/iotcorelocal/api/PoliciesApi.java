package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.Page;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.PolicyService;

import java.math.BigDecimal;
import java.util.List;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/** Policies and policy versions. */
public final class PoliciesApi implements ApiModule {
    private final PolicyService policies;

    public PoliciesApi(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "CreatePolicy", this::create)
                .on(CONTROL, "GetPolicy", this::get)
                .on(CONTROL, "ListPolicies", this::list)
                .on(CONTROL, "DeletePolicy", this::delete)
                .on(CONTROL, "CreatePolicyVersion", this::createVersion)
                .on(CONTROL, "GetPolicyVersion", this::getVersion)
                .on(CONTROL, "ListPolicyVersions", this::listVersions)
                .on(CONTROL, "SetDefaultPolicyVersion", this::setDefaultVersion)
                .on(CONTROL, "DeletePolicyVersion", this::deleteVersion);
    }

    private ApiResponse create(ApiRequest request) {
        CreateBody body = request.json(CreateBody.class);
        Policy policy = policies.create(request.path("policyName"), body.policyDocument(), TagsApi.toMap(body.tags()));
        return ApiResponse.json(new Created(policy.name(), policy.arn(), policy.defaultVersion().document(),
                policy.defaultVersionId()));
    }

    private ApiResponse get(ApiRequest request) {
        Policy policy = policies.get(request.path("policyName"));
        return ApiResponse.json(new Got(policy.name(), policy.arn(), policy.defaultVersion().document(),
                policy.defaultVersionId(), Json.epochSeconds(policy.creationDate()),
                Json.epochSeconds(policy.lastModifiedDate()), policy.generationId()));
    }

    private ApiResponse list(ApiRequest request) {
        Page<Policy> page = policies.list(request.query("marker"), RegistryCalls.size(request, "pageSize"),
                request.queryBoolean("isAscendingOrder", true));
        return ApiResponse.json(new Listed(RegistryCalls.map(page, PoliciesApi::summary), page.next()));
    }

    private ApiResponse delete(ApiRequest request) {
        policies.delete(request.path("policyName"));
        return ApiResponse.empty();
    }

    private ApiResponse createVersion(ApiRequest request) {
        VersionBody body = request.json(VersionBody.class);
        boolean setAsDefault = request.queryBoolean("setAsDefault", false);
        String name = request.path("policyName");
        Policy.Version version = policies.createVersion(name, body.policyDocument(), setAsDefault);
        Policy policy = policies.get(name);
        return ApiResponse.json(new VersionCreated(policy.arn(), version.document(), version.id(),
                version.id().equals(policy.defaultVersionId())));
    }

    private ApiResponse getVersion(ApiRequest request) {
        String name = request.path("policyName");
        Policy.Version version = policies.getVersion(name, request.path("policyVersionId"));
        Policy policy = policies.get(name);
        return ApiResponse.json(new GotVersion(policy.arn(), policy.name(), version.document(), version.id(),
                version.id().equals(policy.defaultVersionId()), Json.epochSeconds(version.createDate()),
                Json.epochSeconds(version.createDate()), policy.generationId()));
    }

    private ApiResponse listVersions(ApiRequest request) {
        String name = request.path("policyName");
        List<Policy.Version> versions = policies.listVersions(name);
        String defaultId = policies.get(name).defaultVersionId();
        return ApiResponse.json(new VersionsListed(versions.stream().map(v -> new VersionSummary(v.id(),
                v.id().equals(defaultId), Json.epochSeconds(v.createDate()))).toList()));
    }

    private ApiResponse setDefaultVersion(ApiRequest request) {
        policies.setDefaultVersion(request.path("policyName"), request.path("policyVersionId"));
        return ApiResponse.empty();
    }

    private ApiResponse deleteVersion(ApiRequest request) {
        policies.deleteVersion(request.path("policyName"), request.path("policyVersionId"));
        return ApiResponse.empty();
    }

    static Summary summary(Policy policy) {
        return new Summary(policy.name(), policy.arn());
    }

    record CreateBody(String policyDocument, List<TagsApi.Tag> tags) {
    }

    record VersionBody(String policyDocument) {
    }

    record Created(String policyName, String policyArn, String policyDocument, String policyVersionId) {
    }

    record Got(String policyName, String policyArn, String policyDocument, String defaultVersionId,
               BigDecimal creationDate, BigDecimal lastModifiedDate, String generationId) {
    }

    record Summary(String policyName, String policyArn) {
    }

    record Listed(List<Summary> policies, String nextMarker) {
    }

    record VersionCreated(String policyArn, String policyDocument, String policyVersionId, boolean isDefaultVersion) {
    }

    record GotVersion(String policyArn, String policyName, String policyDocument, String policyVersionId,
                      boolean isDefaultVersion, BigDecimal creationDate, BigDecimal lastModifiedDate,
                      String generationId) {
    }

    record VersionSummary(String versionId, boolean isDefaultVersion, BigDecimal createDate) {
    }

    record VersionsListed(List<VersionSummary> policyVersions) {
    }
}
