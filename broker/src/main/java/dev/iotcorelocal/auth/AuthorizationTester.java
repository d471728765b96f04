package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.Outcome;
import dev.iotcorelocal.policy.CertificateVariables;
import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.CertificateStatus;
import dev.iotcorelocal.registry.DeviceCertificate;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryError;
import dev.iotcorelocal.registry.RegistryRefusal;
import dev.iotcorelocal.registry.RegistryState;
import dev.iotcorelocal.registry.ThingRegistry;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * TestAuthorization (aws-iot-policies-and-lifecycle.md §2.4): what a certificate connecting with
 * a client ID would be allowed, through the same {@link CertificateBinder} as MQTT enforcement, so
 * the answer is the one a CONNECT or PUBLISH gets. Each result also carries the engine's
 * explanation, logged at INFO like a denial. Runs on API worker threads (it may parse a PEM).
 */
public final class AuthorizationTester {
    private final Supplier<RegistryState> security;
    private final Supplier<ThingRegistry.State> things;
    private final Arns arns;
    private final CertificateBinder binder;
    private final Consumer<String> log;

    /** One authInfo: an action ({@code iot:Publish}) on resource ARNs. */
    public record Request(String action, List<String> resources) {
        public Request {
            resources = List.copyOf(resources);
        }
    }

    /**
     * The answer to one request. Over several resources the request is allowed when every resource
     * is; a policy is listed as allowing when it allows every resource, as explicitly denying when
     * it denies any, else as implicitly denying. {@code explanations}: one line per resource.
     */
    public record Result(Request request, Outcome decision, List<Policy> allowed, List<Policy> implicitDeny,
                         List<Policy> explicitDeny, List<String> missingContextValues, List<String> explanations) {
    }

    AuthorizationTester(Supplier<RegistryState> security, Supplier<ThingRegistry.State> things, Arns arns,
                        CertificateBinder binder, Consumer<String> log) {
        this.security = security;
        this.things = things;
        this.arns = arns;
        this.binder = binder;
        this.log = log;
    }

    /**
     * @param principal a certificate ARN of this account and region, or a certificate ID
     * @param clientId the MQTT client ID the device would connect with, or null (no thing is associated)
     * @throws RegistryRefusal InvalidRequestException for a principal that is no certificate,
     *                         ResourceNotFoundException for an unknown certificate or policy name
     */
    public List<Result> test(String principal, String clientId, List<String> policyNamesToAdd,
                             List<String> policyNamesToSkip, List<Request> requests) {
        RegistryState s = security.get();
        ThingRegistry.State t = things.get();
        DeviceCertificate certificate = certificate(principal, s);
        List<Policy> added = registered(policyNamesToAdd, s);
        registered(policyNamesToSkip, s);
        Set<String> skipped = Set.copyOf(policyNamesToSkip);
        CertificateBinder.Bound bound = binder.bind(certificate.id(), CertificateVariables.of(x509(certificate.pem())),
                binder.requestKeys(clientId), clientId, policies -> {
                    List<Policy> effective = new ArrayList<>(policies);
                    effective.removeIf(p -> skipped.contains(p.name()));
                    added.stream().filter(p -> effective.stream().noneMatch(e -> e.name().equals(p.name())))
                            .forEach(effective::add);
                    return effective;
                }, s, t);
        List<PolicyCheck> eachPolicy = bound.policies().stream()
                .map(p -> binder.bind(List.of(p), bound.context())).toList();
        String caller = (clientId == null ? "without a client ID" : "for client '" + clientId + "'");
        // policies are evaluated whatever the status, as AWS does; the device could not connect at all
        String note = certificate.status() == CertificateStatus.ACTIVE ? "" : " (note: certificate "
                + certificate.id() + " is " + certificate.status() + ", so it cannot connect until it is ACTIVE)";
        List<Result> results = new ArrayList<>(requests.size());
        for (Request request : requests) {
            results.add(result(request, bound, eachPolicy, caller, certificate.id(), note));
        }
        return results;
    }

    private Result result(Request request, CertificateBinder.Bound bound, List<PolicyCheck> eachPolicy,
                          String caller, String certificateId, String note) {
        String action = request.action();
        List<String> explanations = new ArrayList<>();
        Outcome decision = Outcome.ALLOWED;
        for (String resource : request.resources()) {
            Outcome outcome = bound.check().decide(action, resource).outcome();
            decision = worse(decision, outcome);
            String line = (outcome == Outcome.ALLOWED ? "Allowed " : "Denied ") + action + " " + caller + " on "
                    + resource + ": " + bound.check().explain(action, resource).text() + note;
            explanations.add(line);
            log.accept("TestAuthorization of certificate " + certificateId + ": " + line);
        }
        List<Policy> allowed = new ArrayList<>();
        List<Policy> implicit = new ArrayList<>();
        List<Policy> explicit = new ArrayList<>();
        for (int i = 0; i < eachPolicy.size(); i++) {
            Outcome outcome = Outcome.ALLOWED;
            for (String resource : request.resources()) {
                outcome = worse(outcome, eachPolicy.get(i).decide(action, resource).outcome());
            }
            (switch (outcome) {
                case ALLOWED -> allowed;
                case EXPLICIT_DENY -> explicit;
                case IMPLICIT_DENY -> implicit;
            }).add(bound.policies().get(i));
        }
        return new Result(request, decision, allowed, implicit, explicit,
                bound.check().missingContextValues(action), explanations);
    }

    /** Explicit deny beats implicit deny beats allowed. */
    private static Outcome worse(Outcome a, Outcome b) {
        if (a == Outcome.EXPLICIT_DENY || b == Outcome.EXPLICIT_DENY) {
            return Outcome.EXPLICIT_DENY;
        }
        return a == Outcome.IMPLICIT_DENY || b == Outcome.IMPLICIT_DENY ? Outcome.IMPLICIT_DENY : Outcome.ALLOWED;
    }

    private DeviceCertificate certificate(String principal, RegistryState s) {
        if (principal == null || principal.isEmpty()) {
            throw new RegistryRefusal(RegistryError.INVALID_REQUEST, "principal is required (a certificate ARN)");
        }
        String id = principal;
        if (principal.startsWith("arn:")) {
            id = arns.parse(principal).filter(r -> r.type().equals("cert")).map(Arns.Resource::name)
                    .orElseThrow(() -> new RegistryRefusal(RegistryError.INVALID_REQUEST,
                            "principal must be a certificate ARN of this account and region ("
                                    + arns.certificate("<certificateId>") + "), was: " + principal));
        }
        if (id.indexOf(':') >= 0) {
            throw new RegistryRefusal(RegistryError.INVALID_REQUEST, "iotcore-local does not emulate Amazon Cognito "
                    + "identities; the principal must be a certificate ARN or ID, was: " + principal);
        }
        DeviceCertificate certificate = s.certificates().get(id);
        if (certificate == null) {
            throw new RegistryRefusal(RegistryError.RESOURCE_NOT_FOUND, "Certificate " + id + " does not exist",
                    id, arns.certificate(id));
        }
        return certificate;
    }

    private static List<Policy> registered(List<String> names, RegistryState s) {
        List<Policy> policies = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            Policy policy = s.policies().get(name);
            if (policy == null) {
                throw new RegistryRefusal(RegistryError.RESOURCE_NOT_FOUND, "Policy " + name + " does not exist");
            }
            policies.add(policy);
        }
        return policies;
    }

    /** The registered PEM as a certificate, for the certificate policy variables; null if it cannot be read. */
    private static X509Certificate x509(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }
}
