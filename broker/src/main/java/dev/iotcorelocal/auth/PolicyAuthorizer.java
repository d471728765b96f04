package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.CertificateVariables;
import dev.iotcorelocal.policy.ContextKeys;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.CertificateIds;
import dev.iotcorelocal.registry.CertificateStatus;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryState;
import dev.iotcorelocal.registry.Thing;
import dev.iotcorelocal.registry.ThingRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * AWS IoT's authorization (aws-iot-policies-and-lifecycle.md §1, §3, §4): an mTLS connection's
 * principal is its registered ACTIVE certificate, its policies those of the certificate and, when
 * the connection is associated with a thing, of the thing's groups. The plain listener has no
 * certificate: allowed everything, or evaluated against the configured policies with only the
 * client's own keys. Certificates of live connections are watched: deactivated, deleted or left
 * without a policy, their connections end ({@link #registryChanged}).
 */
public final class PolicyAuthorizer implements Authorizer {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyAuthorizer.class);
    private final Supplier<RegistryState> security;
    private final Supplier<ThingRegistry.State> things;
    private final String arnPrefix;
    private final PolicyEngine engine;
    private final CertificateBinder binder;
    private final List<String> plainListenerPolicies;
    private final Set<PolicyGrant> watched = ConcurrentHashMap.newKeySet();
    private final Consumer<String> denialSink;
    private final DenialLog httpDenials;
    private final AuthorizationTester tester;

    /**
     * @param plainListenerPolicies names of the policies that govern the plain listener; empty: allow all
     * @param domainName the endpoint host, the value of iot:DomainName
     */
    public PolicyAuthorizer(Supplier<RegistryState> security, Supplier<ThingRegistry.State> things, Arns arns,
                            PolicyEngine engine, List<String> plainListenerPolicies, String domainName) {
        this(security, things, arns, engine, plainListenerPolicies, domainName, DenialLog.INFO_LOG);
    }

    /** @param denialSink where denial lines go (tests read them) */
    PolicyAuthorizer(Supplier<RegistryState> security, Supplier<ThingRegistry.State> things, Arns arns,
                     PolicyEngine engine, List<String> plainListenerPolicies, String domainName,
                     Consumer<String> denialSink) {
        this.denialSink = denialSink;
        this.httpDenials = new DenialLog("(HTTP)", denialSink);
        this.security = security;
        this.things = things;
        this.arnPrefix = "arn:aws:iot:" + arns.region() + ":" + arns.accountId() + ":";
        this.engine = engine;
        this.binder = new CertificateBinder(arns, engine, domainName);
        this.plainListenerPolicies = List.copyOf(plainListenerPolicies);
        this.tester = new AuthorizationTester(security, things, arns, binder, denialSink);
    }

    @Override
    public ConnectDecision connect(ConnectAttempt attempt) {
        if (!attempt.identity().hasCertificate()) {
            return plainListenerPolicies.isEmpty()
                    ? ConnectDecision.allowed(new AllowAllAuthorizer.AllowAllGrant(""))
                    : checked(attempt, plainGrant(attempt));
        }
        String certificateId = attempt.identity().certificateId();
        // the iot:Certificate.* variables, parsed once per connection, not per binding or packet
        CertificateVariables variables = CertificateVariables.of(attempt.identity().certificate());
        PolicyGrant grant = new PolicyGrant(attempt.clientId(), certificateId, arnPrefix, security, things,
                (s, t) -> bindCertificate(attempt, variables, s, t), attempt.revoke(), watched::remove, denialSink);
        // Watched before the status is read: a change after this point is seen by registryChanged,
        // one before it by the read below.
        watched.add(grant);
        String unusable = unusable(attempt.clientId(), certificateId, security.get(), things.get());
        if (unusable != null) {
            grant.release();
            return ConnectDecision.unknownPrincipal(unusable);
        }
        ConnectDecision decision = checked(attempt, grant);
        if (decision.grant() == null) {
            grant.release();
        }
        return decision;
    }

    /** iot:Connect, then the Will's iot:Publish (and RetainPublish). */
    private ConnectDecision checked(ConnectAttempt attempt, PolicyGrant grant) {
        if (!grant.canConnect()) {
            return ConnectDecision.notAuthorized("Denied " + PolicyGrant.CONNECT + " on " + arnPrefix + "client/"
                    + attempt.clientId());
        }
        if (attempt.willTopic() != null && !grant.canPublish(attempt.willTopic(), attempt.willRetain())) {
            return ConnectDecision.notAuthorized("Denied publishing the Will on " + arnPrefix + "topic/"
                    + attempt.willTopic());
        }
        return ConnectDecision.allowed(grant);
    }

    private PolicyGrant plainGrant(ConnectAttempt attempt) {
        return new PolicyGrant(attempt.clientId(), "", arnPrefix, security, things, (s, t) -> {
            List<Policy> policies = PrincipalResolver.policies(plainListenerPolicies, s);
            ConnectionContext context = clientKeys(attempt).build();
            return new PolicyGrant.Binding(s, t, null, engine.bind(policies, context), arnPrefix);
        }, attempt.revoke(), ignored -> { }, denialSink);
    }

    private PolicyGrant.Binding bindCertificate(ConnectAttempt attempt, CertificateVariables variables,
                                                RegistryState s, ThingRegistry.State t) {
        CertificateBinder.Bound bound = binder.bind(attempt.identity().certificateId(), variables, clientKeys(attempt),
                attempt.clientId(), UnaryOperator.identity(), s, t);
        Thing thing = bound.principal().thing();
        return new PolicyGrant.Binding(s, t, thing == null ? null : thing.name(), bound.check(), arnPrefix);
    }

    private ConnectionContext.Builder clientKeys(ConnectAttempt attempt) {
        return binder.requestKeys(attempt.clientId())
                .put(ContextKeys.SOURCE_IP, attempt.sourceIp())
                .connect(attempt.persistent(), attempt.willTopic() == null ? null : arnPrefix + "topic/"
                        + attempt.willTopic());
    }

    /** Why a certificate cannot be a principal now (not registered, not ACTIVE, no policy), or null. */
    private String unusable(String clientId, String certificateId, RegistryState s, ThingRegistry.State t) {
        Principal principal = binder.principal(certificateId, clientId, s, t);
        if (principal.certificate() == null) {
            return "certificate " + certificateId + " is not registered";
        }
        if (principal.certificate().status() != CertificateStatus.ACTIVE) {
            return "certificate " + certificateId + " is " + principal.certificate().status() + ", not ACTIVE";
        }
        return null;
    }

    /**
     * The registry changed (called on the thread that changed it, never an event loop): new
     * default versions are compiled here, and connections whose certificate is no longer ACTIVE,
     * was deleted or has no policy left are ended.
     */
    public void registryChanged() {
        RegistryState s = security.get();
        ThingRegistry.State t = things.get();
        engine.warm(s);
        for (PolicyGrant grant : watched) {
            String reason = unusable(grant.clientId(), grant.principalId(), s, t);
            if (reason == null && binder.principal(grant.principalId(), grant.clientId(), s, t).policies().isEmpty()) {
                reason = "certificate " + grant.principalId() + " has no policy attached any more";
            }
            if (reason != null) {
                LOG.info("Disconnecting client '{}': {}", grant.clientId(), reason);
                grant.revoke();
            }
        }
    }

    /** TestAuthorization over this authorizer's own resolution and engine. */
    public AuthorizationTester authorizationTester() {
        return tester;
    }

    /** Live connections whose certificate is watched, for tests. */
    int watchedCount() {
        return watched.size();
    }

    @Override
    public String refuseHttp(X509Certificate certificate, String resource, List<String> actions) {
        if (certificate == null) {
            return null;
        }
        String certificateId = CertificateIds.of(certificate);
        RegistryState s = security.get();
        String unusable = unusable(null, certificateId, s, things.get());
        if (unusable != null) {
            return "The client certificate cannot call iot-data: " + unusable + ".";
        }
        var check = binder.bind(certificateId, CertificateVariables.of(certificate), binder.requestKeys(null), null,
                UnaryOperator.identity(), s, things.get()).check();
        String arn = ANY_RESOURCE.equals(resource) ? resource : arnPrefix + resource;
        for (String action : actions) {
            if (!check.decide(action, arn).allowed()) {
                String explanation = check.explain(action, arn).text();
                httpDenials.denied(action, arn + " (certificate " + certificateId + ")", () -> explanation);
                return "Denied " + action + " on " + arn + ": " + explanation;
            }
        }
        return null;
    }
}
