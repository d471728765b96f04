package dev.iotcorelocal.auth;

import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.AwsAccount;
import dev.iotcorelocal.registry.IssuedCertificate;
import dev.iotcorelocal.registry.SecurityRegistry;
import dev.iotcorelocal.registry.ThingRegistry;
import dev.iotcorelocal.registry.ThingRegistryView;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real security and things registry, the real policy engine, and a PolicyAuthorizer watching them. */
final class AuthFixture {
    static final String PREFIX = "arn:aws:iot:us-east-1:123456789012:";
    private static LocalCertificateAuthority sharedCa;

    final ThingRegistry things = new ThingRegistry(new AwsAccount("123456789012", "us-east-1"), Clock.systemUTC());
    final SecurityRegistry security;
    final CompiledPolicies engine = new CompiledPolicies();
    final List<String> denials = new CopyOnWriteArrayList<>();
    final PolicyAuthorizer authorizer;

    AuthFixture() {
        this(List.of());
    }

    AuthFixture(List<String> plainListenerPolicies) {
        ThingRegistryView view = new ThingRegistryView(things);
        security = new SecurityRegistry(new Arns("123456789012", "us-east-1"), Clock.systemUTC(), ca(), view);
        authorizer = new PolicyAuthorizer(security::snapshot, things::snapshot, security.arns(), engine,
                plainListenerPolicies, "localhost", denials::add);
        security.onChange(authorizer::registryChanged);
        things.onChange(authorizer::registryChanged);
    }

    /** One CA for the test run: RSA key generation is the slow part. */
    static synchronized LocalCertificateAuthority ca() {
        if (sharedCa == null) {
            try {
                sharedCa = LocalCertificateAuthority.createInMemory("auth test CA");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return sharedCa;
    }

    /** A registered ACTIVE certificate with the policy (created from the document) attached. */
    Device device(String policyName, String document) {
        IssuedCertificate issued = security.certificates().createKeysAndCertificate(true);
        if (!security.snapshot().policies().containsKey(policyName)) {
            security.policies().create(policyName, document, java.util.Map.of());
        }
        security.attachments().attachPolicy(policyName, issued.certificate().arn());
        return new Device(issued.certificate().id(), issued.certificate().arn(), parse(issued.certificate().pem()));
    }

    static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate and what its connections' revocations were. */
    record Device(String id, String arn, X509Certificate certificate) {
        ClientIdentity identity() {
            return new ClientIdentity(certificate.getSubjectX500Principal().getName(), id, certificate);
        }
    }

    static ConnectAttempt attempt(ClientIdentity identity, String clientId, AtomicInteger revocations) {
        return new ConnectAttempt(identity, clientId, false, null, false, "127.0.0.1", revocations::incrementAndGet);
    }

    static String document(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    static String allow(String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }

    static String deny(String action, String resource) {
        return "{\"Effect\":\"Deny\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"}";
    }
}
