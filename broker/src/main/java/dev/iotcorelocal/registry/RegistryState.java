package dev.iotcorelocal.registry;

import java.util.List;
import java.util.Map;

/**
 * One immutable snapshot of the security registry: certificates, CA certificates, policies,
 * which policies are attached to which target (certificate or thing-group ARN, in attach
 * order), which principals to which thing, and tags by resource ARN. Readers (MQTT event
 * loops) take a snapshot and never see a half-applied change.
 */
public record RegistryState(Map<String, DeviceCertificate> certificates,
                            Map<String, CaCertificate> caCertificates,
                            Map<String, Policy> policies,
                            Map<String, List<String>> targetPolicies,
                            Map<String, Map<String, ThingPrincipalType>> thingPrincipals,
                            Map<String, Map<String, String>> tags) {
    public static final RegistryState EMPTY = new RegistryState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of());

    public RegistryState {
        certificates = Map.copyOf(certificates);
        caCertificates = Map.copyOf(caCertificates);
        policies = Map.copyOf(policies);
        targetPolicies = Map.copyOf(targetPolicies);
        thingPrincipals = Map.copyOf(thingPrincipals);
        tags = Map.copyOf(tags);
    }

    /** The names of the policies attached to a certificate or thing-group ARN, in attach order. */
    public List<String> policiesOf(String targetArn) {
        return targetPolicies.getOrDefault(targetArn, List.of());
    }

    /** The principals (ARNs) attached to a thing, with how. */
    public Map<String, ThingPrincipalType> principalsOf(String thingName) {
        return thingPrincipals.getOrDefault(thingName, Map.of());
    }

    /** The things a principal is attached to. */
    public List<String> thingsOf(String principalArn) {
        return thingPrincipals.entrySet().stream().filter(e -> e.getValue().containsKey(principalArn))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The targets a policy is attached to. */
    public List<String> targetsOf(String policyName) {
        return targetPolicies.entrySet().stream().filter(e -> e.getValue().contains(policyName))
                .map(Map.Entry::getKey).sorted().toList();
    }
}
