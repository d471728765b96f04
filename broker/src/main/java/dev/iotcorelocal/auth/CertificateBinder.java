package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.CertificateVariables;
import dev.iotcorelocal.policy.ContextKeys;
import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryState;
import dev.iotcorelocal.registry.ThingRegistry;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The one place a certificate and a caller become a bound policy check: principal, associated
 * thing, effective policies and the request context. MQTT CONNECT, HTTP Publish and
 * TestAuthorization all bind here, so TestAuthorization answers what a device would get. CPU only.
 */
final class CertificateBinder {
    private final PrincipalResolver resolver;
    private final PolicyEngine engine;
    private final String domainName;

    /** A certificate's principal at one pair of snapshots, the policies evaluated and the check over them. */
    record Bound(Principal principal, List<Policy> policies, ConnectionContext context, PolicyCheck check) {
    }

    /** @param domainName the endpoint host, the value of iot:DomainName */
    CertificateBinder(Arns arns, PolicyEngine engine, String domainName) {
        this.resolver = new PrincipalResolver(arns);
        this.engine = engine;
        this.domainName = domainName;
    }

    /** The keys every request has: the client ID (null: none, as over HTTP) and the domain name. */
    ConnectionContext.Builder requestKeys(String clientId) {
        return ConnectionContext.builder().put(ContextKeys.CLIENT_ID, clientId).put(ContextKeys.DOMAIN_NAME,
                domainName);
    }

    /** @param clientId the MQTT client ID, or null (no thing is associated) */
    Principal principal(String certificateId, String clientId, RegistryState security, ThingRegistry.State things) {
        return resolver.resolve(certificateId, clientId, security, things);
    }

    /**
     * @param callerKeys {@link #requestKeys} plus what the caller adds (source IP, CONNECT attributes)
     * @param variables the presented certificate's iot:Certificate.* variables, parsed once per connection
     * @param adjust changes the effective policies (TestAuthorization's policyNamesToAdd/Skip); identity otherwise
     */
    Bound bind(String certificateId, CertificateVariables variables, ConnectionContext.Builder callerKeys,
               String clientId, UnaryOperator<List<Policy>> adjust, RegistryState security,
               ThingRegistry.State things) {
        Principal principal = principal(certificateId, clientId, security, things);
        List<Policy> policies = List.copyOf(adjust.apply(principal.policies()));
        ConnectionContext context = certificateKeys(callerKeys, variables, certificateId)
                .thing(principal.thing()).build();
        return new Bound(principal, policies, context, engine.bind(policies, context));
    }

    /** The same context over other policies (TestAuthorization's per-policy verdicts). */
    PolicyCheck bind(List<Policy> policies, ConnectionContext context) {
        return engine.bind(policies, context);
    }

    private static ConnectionContext.Builder certificateKeys(ConnectionContext.Builder builder,
                                                            CertificateVariables variables, String certificateId) {
        return builder.put(ContextKeys.CERTIFICATE_ID, certificateId).putAll(variables.singleValues())
                .putLists(variables.multiValues());
    }
}
