package dev.iotcorelocal.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.iotcorelocal.registry.CertificateService;
import dev.iotcorelocal.registry.DeviceCertificate;
import dev.iotcorelocal.registry.IssuedCertificate;
import dev.iotcorelocal.registry.Page;

import java.math.BigDecimal;
import java.util.List;

import static dev.iotcorelocal.api.ApiService.CONTROL;

/** Device certificates: CreateKeysAndCertificate, CreateCertificateFromCsr, Register*, Describe, Update, Delete, List. */
public final class CertificatesApi implements ApiModule {
    private final CertificateService certificates;
    private final String accountId;

    public CertificatesApi(CertificateService certificates, String accountId) {
        this.certificates = certificates;
        this.accountId = accountId;
    }

    @Override
    public void register(RouteTable routes) {
        routes.on(CONTROL, "CreateKeysAndCertificate", this::createKeysAndCertificate)
                .on(CONTROL, "CreateCertificateFromCsr", this::createFromCsr)
                .on(CONTROL, "RegisterCertificate", this::registerCertificate)
                .on(CONTROL, "RegisterCertificateWithoutCa", this::registerWithoutCa)
                .on(CONTROL, "DescribeCertificate", this::describe)
                .on(CONTROL, "UpdateCertificate", this::update)
                .on(CONTROL, "DeleteCertificate", this::delete)
                .on(CONTROL, "ListCertificates", this::list)
                .on(CONTROL, "ListCertificatesByCa", this::listByCa);
    }

    private ApiResponse createKeysAndCertificate(ApiRequest request) {
        IssuedCertificate issued = certificates.createKeysAndCertificate(request.queryBoolean("setAsActive", false));
        DeviceCertificate certificate = issued.certificate();
        return ApiResponse.json(new KeysAndCertificate(certificate.arn(), certificate.id(), certificate.pem(),
                new KeyPair(issued.publicKeyPem(), issued.privateKeyPem())));
    }

    private ApiResponse createFromCsr(ApiRequest request) {
        CsrBody body = request.json(CsrBody.class);
        DeviceCertificate certificate = certificates.createFromCsr(body.certificateSigningRequest(),
                request.queryBoolean("setAsActive", false));
        return ApiResponse.json(new CertificateFromCsr(certificate.arn(), certificate.id(), certificate.pem()));
    }

    private ApiResponse registerCertificate(ApiRequest request) {
        RegisterBody body = request.json(RegisterBody.class);
        Boolean setAsActive = request.query("setAsActive") == null ? null : request.queryBoolean("setAsActive", false);
        DeviceCertificate certificate = certificates.register(body.certificatePem(), body.caCertificatePem(),
                setAsActive, body.status());
        return ApiResponse.json(new Registered(certificate.arn(), certificate.id()));
    }

    private ApiResponse registerWithoutCa(ApiRequest request) {
        RegisterBody body = request.json(RegisterBody.class);
        DeviceCertificate certificate = certificates.registerWithoutCa(body.certificatePem(), body.status());
        return ApiResponse.json(new Registered(certificate.arn(), certificate.id()));
    }

    private ApiResponse describe(ApiRequest request) {
        DeviceCertificate c = certificates.describe(request.path("certificateId"));
        return ApiResponse.json(new Described(new Description(c.arn(), c.id(), c.caCertificateId(), c.status().name(),
                c.pem(), accountId, Json.epochSeconds(c.creationDate()), Json.epochSeconds(c.lastModifiedDate()),
                c.customerVersion(), c.generationId(), new Validity(Json.epochSeconds(c.notBefore()),
                Json.epochSeconds(c.notAfter())), "DEFAULT")));
    }

    private ApiResponse update(ApiRequest request) {
        certificates.update(request.path("certificateId"), request.query("newStatus"));
        return ApiResponse.empty();
    }

    private ApiResponse delete(ApiRequest request) {
        certificates.delete(request.path("certificateId"), request.queryBoolean("forceDelete", false));
        return ApiResponse.empty();
    }

    private ApiResponse list(ApiRequest request) {
        return listed(certificates.list(request.query("marker"), RegistryCalls.size(request, "pageSize"),
                request.queryBoolean("isAscendingOrder", false)));
    }

    private ApiResponse listByCa(ApiRequest request) {
        return listed(certificates.listByCa(request.path("caCertificateId"), request.query("marker"),
                RegistryCalls.size(request, "pageSize"), request.queryBoolean("isAscendingOrder", false)));
    }

    private static ApiResponse listed(Page<DeviceCertificate> page) {
        return ApiResponse.json(new Listed(RegistryCalls.map(page, c -> new Summary(c.arn(), c.id(), c.status().name(),
                "DEFAULT", Json.epochSeconds(c.creationDate()))), page.next()));
    }

    record CsrBody(String certificateSigningRequest) {
    }

    record RegisterBody(String certificatePem, String caCertificatePem, String status) {
    }

    record KeyPair(@JsonProperty("PublicKey") String publicKey, @JsonProperty("PrivateKey") String privateKey) {
    }

    record KeysAndCertificate(String certificateArn, String certificateId, String certificatePem, KeyPair keyPair) {
    }

    record CertificateFromCsr(String certificateArn, String certificateId, String certificatePem) {
    }

    record Registered(String certificateArn, String certificateId) {
    }

    record Validity(BigDecimal notBefore, BigDecimal notAfter) {
    }

    record Description(String certificateArn, String certificateId, String caCertificateId, String status,
                       String certificatePem, String ownedBy, BigDecimal creationDate, BigDecimal lastModifiedDate,
                       int customerVersion, String generationId, Validity validity,
                       String certificateMode) {
    }

    record Described(Description certificateDescription) {
    }

    record Summary(String certificateArn, String certificateId, String status, String certificateMode,
                   BigDecimal creationDate) {
    }

    record Listed(List<Summary> certificates, String nextMarker) {
    }
}
