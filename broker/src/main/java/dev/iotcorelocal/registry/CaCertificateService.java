package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.PemCodec;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CA certificates (RegisterCACertificate and friends). The local dev CA is not listed: it plays
 * Amazon's CA, which AWS does not list either. Registration codes are not emulated, so a
 * verification certificate is optional; when given it must be signed by the CA.
 */
public final class CaCertificateService {
    private final RegistryStore store;
    private final Arns arns;
    private final Clock clock;
    private final TagService tags;

    public CaCertificateService(RegistryStore store, Arns arns, Clock clock, TagService tags) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
        this.tags = tags;
    }

    public CaCertificate register(String caCertificatePem, String verificationCertificatePem, boolean setAsActive,
                                  boolean allowAutoRegistration, Map<String, String> initialTags) {
        Instant now = clock.instant();
        X509Certificate ca = CertificateParsing.parse(caCertificatePem, "caCertificate", now);
        if (!CertificateParsing.isCa(ca)) {
            throw CertificateParsing.invalid("caCertificate is not a CA certificate (basic constraints CA:false)");
        }
        if (verificationCertificatePem != null) {
            X509Certificate verification = CertificateParsing.parse(verificationCertificatePem,
                    "verificationCertificate", now);
            if (!CertificateParsing.signedBy(verification, ca)) {
                throw CertificateParsing.invalid("verificationCertificate is not signed by caCertificate's key");
            }
        }
        TagService.validate(initialTags);
        String id = CertificateIds.of(ca);
        String arn = arns.caCertificate(id);
        return store.write(draft -> {
            if (draft.caCertificates().containsKey(id)) {
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS,
                        "The CA certificate is already registered", id, arn);
            }
            CaCertificate record = new CaCertificate(id, arn, PemCodec.certificate(ca), setAsActive,
                    allowAutoRegistration, now, now, 1, UUID.randomUUID().toString(),
                    ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
            draft.caCertificates().put(id, record);
            if (!initialTags.isEmpty()) {
                tags.put(draft, arn, initialTags);
            }
            return record;
        });
    }

    public CaCertificate describe(String certificateId) {
        return find(store.current(), CertificateIds.normalize(certificateId));
    }

    /** UpdateCACertificate; null leaves a value unchanged. */
    public void update(String certificateId, String newStatus, String newAutoRegistrationStatus) {
        String id = CertificateIds.normalize(certificateId);
        Boolean active = parse(newStatus, "newStatus", "ACTIVE", "INACTIVE");
        Boolean auto = parse(newAutoRegistrationStatus, "newAutoRegistrationStatus", "ENABLE", "DISABLE");
        store.write(draft -> {
            CaCertificate current = find(draft.view(), id);
            draft.caCertificates().put(id, current.with(active == null ? current.active() : active,
                    auto == null ? current.autoRegistration() : auto, clock.instant(), UUID.randomUUID().toString()));
            return null;
        });
    }

    /** DeleteCACertificate: refused while ACTIVE, as AWS (CertificateStateException 406). */
    public void delete(String certificateId) {
        String id = CertificateIds.normalize(certificateId);
        store.write(draft -> {
            CaCertificate current = find(draft.view(), id);
            if (current.active()) {
                throw new RegistryRefusal(RegistryError.CERTIFICATE_STATE,
                        "CA certificate " + id + " is ACTIVE: set it INACTIVE (UpdateCACertificate) before deleting it");
            }
            draft.caCertificates().remove(id);
            draft.tags().remove(current.arn());
            return null;
        });
    }

    public Page<CaCertificate> list(String marker, Integer pageSize, boolean ascending) {
        Comparator<CaCertificate> order = Comparator.comparing(CaCertificate::creationDate)
                .thenComparing(CaCertificate::id);
        List<CaCertificate> all = store.current().caCertificates().values().stream()
                .sorted(ascending ? order : order.reversed()).toList();
        return Page.of(all, marker, pageSize, "pageSize");
    }

    private static Boolean parse(String value, String field, String yes, String no) {
        if (value == null) {
            return null;
        }
        if (value.equals(yes) || value.equals(no)) {
            return value.equals(yes);
        }
        throw RegistryRefusal.invalid(field + " must be " + yes + " or " + no + ", was: " + value);
    }

    private static CaCertificate find(RegistryState state, String id) {
        CaCertificate ca = state.caCertificates().get(id);
        if (ca == null) {
            throw RegistryRefusal.notFound("CA certificate " + id + " does not exist");
        }
        return ca;
    }
}
