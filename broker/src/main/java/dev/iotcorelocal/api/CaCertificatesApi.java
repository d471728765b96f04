package dev.iotcorelocal.api;

import dev.iotcorelocal.registry.CaCertificate;
import dev.iotcorelocal.registry.CaCertificateService;
import dev.iotcorelocal.registry.Page;

import java.math.BigDecimal;
import java.util.List;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/** CA certificates: RegisterCACertificate, DescribeCACertificate, ListCACertificates, UpdateCACertificate, Delete. */
public final class CaCertificatesApi implements ApiModule {
    private final CaCertificateService cas;
    private final String accountId;

    public CaCertificatesApi(CaCertificateService cas, String accountId) {
        this.cas = cas;
        this.accountId = accountId;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "RegisterCaCertificate", this::register)
                .on(CONTROL, "DescribeCaCertificate", this::describe)
                .on(CONTROL, "ListCaCertificates", this::list)
                .on(CONTROL, "UpdateCaCertificate", this::update)
                .on(CONTROL, "DeleteCaCertificate", this::delete);
    }

    private ApiResponse register(ApiRequest request) {
        RegisterBody body = request.json(RegisterBody.class);
        if (body.certificateMode() != null && !body.certificateMode().equals("DEFAULT")
                && !body.certificateMode().equals("SNI_ONLY")) {
            throw AwsException.invalidRequest("certificateMode must be DEFAULT or SNI_ONLY, was: "
                    + body.certificateMode());
        }
        CaCertificate ca = cas.register(body.caCertificate(), body.verificationCertificate(),
                request.queryBoolean("setAsActive", false), request.queryBoolean("allowAutoRegistration", false),
                TagsApi.toMap(body.tags()));
        return ApiResponse.json(new Registered(ca.arn(), ca.id()));
    }

    private ApiResponse describe(ApiRequest request) {
        CaCertificate ca = cas.describe(request.path("caCertificateId"));
        return ApiResponse.json(new Described(new Description(ca.arn(), ca.id(), ca.active() ? "ACTIVE" : "INACTIVE",
                ca.pem(), accountId, Json.epochSeconds(ca.creationDate()), ca.autoRegistration() ? "ENABLE" : "DISABLE",
                Json.epochSeconds(ca.lastModifiedDate()), ca.customerVersion(), ca.generationId(),
                new CertificatesApi.Validity(Json.epochSeconds(ca.notBefore()), Json.epochSeconds(ca.notAfter())),
                "DEFAULT")));
    }

    private ApiResponse list(ApiRequest request) {
        Page<CaCertificate> page = cas.list(request.query("marker"), RegistryCalls.size(request, "pageSize"),
                request.queryBoolean("isAscendingOrder", false));
        return ApiResponse.json(new Listed(RegistryCalls.map(page, ca -> new Summary(ca.arn(), ca.id(),
                ca.active() ? "ACTIVE" : "INACTIVE", Json.epochSeconds(ca.creationDate()))), page.next()));
    }

    private ApiResponse update(ApiRequest request) {
        cas.update(request.path("caCertificateId"), request.query("newStatus"),
                request.query("newAutoRegistrationStatus"));
        return ApiResponse.empty();
    }

    private ApiResponse delete(ApiRequest request) {
        cas.delete(request.path("caCertificateId"));
        return ApiResponse.empty();
    }

    record RegisterBody(String caCertificate, String verificationCertificate, List<TagsApi.Tag> tags,
                        String certificateMode) {
    }

    record Registered(String certificateArn, String certificateId) {
    }

    record Description(String certificateArn, String certificateId, String status, String certificatePem,
                       String ownedBy, BigDecimal creationDate, String autoRegistrationStatus,
                       BigDecimal lastModifiedDate, int customerVersion, String generationId,
                       CertificatesApi.Validity validity, String certificateMode) {
    }

    record Described(Description certificateDescription) {
    }

    record Summary(String certificateArn, String certificateId, String status, BigDecimal creationDate) {
    }

    record Listed(List<Summary> certificates, String nextMarker) {
    }
}
