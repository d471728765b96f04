package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.pki.PemCodec;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Device certificates: issuing (the local CA plays Amazon's), registering, status changes and
 * deletion with AWS's refusals. Methods run on the API's worker threads: issuing generates keys.
 */
public final class CertificateService {
    private final RegistryStore store;
    private final Arns arns;
    private final Clock clock;
    private final LocalCertificateAuthority authority;
    private final ThingDirectory things;

    public CertificateService(RegistryStore store, Arns arns, Clock clock, LocalCertificateAuthority authority,
                              ThingDirectory things) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
        this.authority = authority;
        this.things = things;
    }

    public IssuedCertificate createKeysAndCertificate(boolean setAsActive) {
        LocalCertificateAuthority.IssuedKeys issued;
        try {
            issued = authority.issueWithNewKeys(LocalCertificateAuthority.ISSUED_SUBJECT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local CA could not issue a certificate", e);
        }
        DeviceCertificate record = add(issued.certificate(), setAsActive ? CertificateStatus.ACTIVE
                : CertificateStatus.INACTIVE, null);
        return new IssuedCertificate(record, PemCodec.publicKey(issued.keys().getPublic()),
                PemCodec.privateKey(issued.keys().getPrivate()));
    }

    public DeviceCertificate createFromCsr(String csrPem, boolean setAsActive) {
        if (csrPem == null || csrPem.isBlank()) {
            throw RegistryRefusal.invalid("certificateSigningRequest is required");
        }
        if (csrPem.length() > 4096) {
            throw RegistryRefusal.invalid("certificateSigningRequest is longer than 4096 characters");
        }
        PKCS10CertificationRequest csr = PemCodec.parseCsr(csrPem).orElseThrow(() -> RegistryRefusal.invalid(
                "certificateSigningRequest is not a PEM-encoded PKCS#10 certificate signing request"));
        X509Certificate certificate;
        try {
            certificate = authority.issue(csr);
        } catch (GeneralSecurityException e) {
            throw RegistryRefusal.invalid("certificateSigningRequest was refused: " + e.getMessage());
        }
        return add(certificate, setAsActive ? CertificateStatus.ACTIVE : CertificateStatus.INACTIVE, null);
    }

    /** RegisterCertificate: the certificate must be signed by a registered CA (or the local CA). */
    public DeviceCertificate register(String certificatePem, String caCertificatePem, Boolean setAsActive,
                                      String status) {
        Instant now = clock.instant();
        X509Certificate certificate = CertificateParsing.parse(certificatePem, "certificatePem", now);
        CertificateStatus initial = Boolean.TRUE.equals(setAsActive) ? CertificateStatus.ACTIVE
                : registrationStatus(status);
        String caId = issuerId(certificate, caCertificatePem, now);
        return add(certificate, initial, caId);
    }

    public DeviceCertificate registerWithoutCa(String certificatePem, String status) {
        X509Certificate certificate = CertificateParsing.parse(certificatePem, "certificatePem", clock.instant());
        return add(certificate, registrationStatus(status), null);
    }

    /** Registers a certificate the broker found on disk; answers the existing record when it is already known. */
    public DeviceCertificate registerIfAbsent(X509Certificate certificate, CertificateStatus status) {
        String id = CertificateIds.of(certificate);
        return store.write(draft -> {
            DeviceCertificate existing = draft.certificates().get(id);
            return existing != null ? existing : put(draft, certificate, id, status, null);
        });
    }

    public DeviceCertificate describe(String certificateId) {
        String id = CertificateIds.normalize(certificateId);
        return find(store.current(), id);
    }

    public void update(String certificateId, String newStatus) {
        String id = CertificateIds.normalize(certificateId);
        CertificateStatus status = CertificateStatus.parse(newStatus, "newStatus");
        if (!status.settableByUpdate()) {
            throw RegistryRefusal.invalid("newStatus " + status + " cannot be set by UpdateCertificate; "
                    + "use ACTIVE, INACTIVE or REVOKED");
        }
        store.write(draft -> {
            DeviceCertificate current = find(draft.view(), id);
            if (current.status() == CertificateStatus.PENDING_TRANSFER) {
                throw new RegistryRefusal(RegistryError.CERTIFICATE_STATE,
                        "Certificate " + id + " is pending transfer and cannot change status");
            }
            draft.certificates().put(id, current.withStatus(status, clock.instant(), UUID.randomUUID().toString()));
            return null;
        });
    }

    /**
     * DeleteCertificate: refused while ACTIVE (CertificateStateException 406) or attached to a thing
     * or, without {@code forceDelete}, to a policy (DeleteConflictException 409), as AWS refuses.
     */
    public void delete(String certificateId, boolean forceDelete) {
        String id = CertificateIds.normalize(certificateId);
        store.write(draft -> {
            RegistryState view = draft.view();
            DeviceCertificate current = find(view, id);
            if (current.status() == CertificateStatus.ACTIVE) {
                throw new RegistryRefusal(RegistryError.CERTIFICATE_STATE,
                        "Certificate " + id + " is ACTIVE: deactivate it (UpdateCertificate) before deleting it");
            }
            // a deleted thing's attachments are stale, not a conflict
            List<String> attached = view.thingsOf(current.arn()).stream().filter(things::thingExists).toList();
            if (!attached.isEmpty()) {
                throw new RegistryRefusal(RegistryError.DELETE_CONFLICT, "Certificate " + id
                        + " is attached to things " + attached + ": detach them (DetachThingPrincipal) first");
            }
            for (String stale : view.thingsOf(current.arn())) {
                Map<String, ThingPrincipalType> rest = new java.util.HashMap<>(view.principalsOf(stale));
                rest.remove(current.arn());
                draft.thingPrincipals().put(stale, Map.copyOf(rest));
            }
            List<String> policies = view.policiesOf(current.arn());
            if (!policies.isEmpty() && !forceDelete) {
                throw new RegistryRefusal(RegistryError.DELETE_CONFLICT, "Certificate " + id
                        + " has policies attached " + policies + ": detach them or use forceDelete");
            }
            draft.targetPolicies().remove(current.arn());
            draft.certificates().remove(id);
            return null;
        });
    }

    public Page<DeviceCertificate> list(String marker, Integer pageSize, boolean ascending) {
        return Page.of(sorted(store.current().certificates(), ascending), marker, pageSize, "pageSize");
    }

    /** ListCertificatesByCA's selection, for completeness of the CA family. */
    public Page<DeviceCertificate> listByCa(String caCertificateId, String marker, Integer pageSize, boolean ascending) {
        String caId = CertificateIds.normalize(caCertificateId);
        List<DeviceCertificate> all = sorted(store.current().certificates(), ascending).stream()
                .filter(c -> caId.equals(c.caCertificateId())).toList();
        return Page.of(all, marker, pageSize, "pageSize");
    }

    private static List<DeviceCertificate> sorted(Map<String, DeviceCertificate> certificates, boolean ascending) {
        Comparator<DeviceCertificate> order = Comparator.comparing(DeviceCertificate::creationDate)
                .thenComparing(DeviceCertificate::id);
        return certificates.values().stream().sorted(ascending ? order : order.reversed()).toList();
    }

    private static CertificateStatus registrationStatus(String status) {
        if (status == null) {
            return CertificateStatus.INACTIVE;
        }
        CertificateStatus parsed = CertificateStatus.parse(status, "status");
        if (!parsed.settableByUpdate() && parsed != CertificateStatus.PENDING_ACTIVATION) {
            throw RegistryRefusal.invalid("status " + parsed + " cannot be given at registration");
        }
        return parsed;
    }

    /** The registered CA that signed the certificate (null for the local CA); refuses unknown issuers. */
    private String issuerId(X509Certificate certificate, String caCertificatePem, Instant now) {
        RegistryState state = store.current();
        if (caCertificatePem != null) {
            X509Certificate ca = CertificateParsing.parse(caCertificatePem, "caCertificatePem", now);
            String caId = CertificateIds.of(ca);
            if (!state.caCertificates().containsKey(caId) && !ca.equals(authority.certificate())) {
                throw CertificateParsing.invalid("the CA certificate " + caId + " is not registered "
                        + "(RegisterCACertificate)");
            }
            if (!CertificateParsing.signedBy(certificate, ca)) {
                throw CertificateParsing.invalid("the certificate is not signed by caCertificatePem's CA");
            }
            return ca.equals(authority.certificate()) ? null : caId;
        }
        if (CertificateParsing.signedBy(certificate, authority.certificate())) {
            return null;
        }
        Optional<CaCertificate> ca = state.caCertificates().values().stream()
                .filter(c -> CertificateParsing.signedBy(certificate, PemCodec.parseCertificate(c.pem()).orElseThrow()))
                .findFirst();
        return ca.map(CaCertificate::id).orElseThrow(() -> CertificateParsing.invalid("the certificate's issuer "
                + certificate.getIssuerX500Principal().getName() + " is not a registered CA certificate"));
    }

    private DeviceCertificate add(X509Certificate certificate, CertificateStatus status, String caId) {
        String id = CertificateIds.of(certificate);
        return store.write(draft -> {
            if (draft.certificates().containsKey(id)) {
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS,
                        "The certificate is already provisioned or registered", id, arns.certificate(id));
            }
            return put(draft, certificate, id, status, caId);
        });
    }

    private DeviceCertificate put(Draft draft, X509Certificate certificate, String id, CertificateStatus status,
                                  String caId) {
        Instant now = clock.instant();
        DeviceCertificate record = new DeviceCertificate(id, arns.certificate(id), PemCodec.certificate(certificate),
                status, caId, now, now, 1, UUID.randomUUID().toString(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        draft.certificates().put(id, record);
        return record;
    }

    private static DeviceCertificate find(RegistryState state, String id) {
        DeviceCertificate certificate = state.certificates().get(id);
        if (certificate == null) {
            throw RegistryRefusal.notFound("Certificate " + id + " does not exist");
        }
        return certificate;
    }
}
