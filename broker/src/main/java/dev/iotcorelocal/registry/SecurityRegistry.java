package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.LocalCertificateAuthority;

import java.time.Clock;

/**
 * The security half of the registry in one object: certificates, CA certificates, policies,
 * attachments and tags over one store. {@link #snapshot()} is what the broker reads, lock-free.
 */
public final class SecurityRegistry {
    private final RegistryStore store = new RegistryStore();
    private final Arns arns;
    private final TagService tags;
    private final CertificateService certificates;
    private final CaCertificateService caCertificates;
    private final PolicyService policies;
    private final AttachmentService attachments;

    public SecurityRegistry(Arns arns, Clock clock, LocalCertificateAuthority authority, ThingDirectory things) {
        this.arns = arns;
        this.tags = new TagService(store, arns, things);
        this.certificates = new CertificateService(store, arns, clock, authority, things);
        this.caCertificates = new CaCertificateService(store, arns, clock, tags);
        this.policies = new PolicyService(store, arns, clock, tags);
        this.attachments = new AttachmentService(store, arns, things);
    }

    public RegistryState snapshot() {
        return store.current();
    }

    /** Runs the listener after every change, on the thread that made it (an API worker or the start-up thread). */
    public void onChange(Runnable listener) {
        store.onChange(listener);
    }

    public Arns arns() {
        return arns;
    }

    public CertificateService certificates() {
        return certificates;
    }

    public CaCertificateService caCertificates() {
        return caCertificates;
    }

    public PolicyService policies() {
        return policies;
    }

    public AttachmentService attachments() {
        return attachments;
    }

    public TagService tags() {
        return tags;
    }
}
