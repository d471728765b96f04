package dev.iotcorelocal.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A change being made to a {@link RegistryState}: each family's map is copied on its first
 * write only, so a write costs what the maps it touches cost.
 */
final class Draft {
    private final RegistryState base;
    private Map<String, DeviceCertificate> certificates;
    private Map<String, CaCertificate> caCertificates;
    private Map<String, Policy> policies;
    private Map<String, List<String>> targetPolicies;
    private Map<String, Map<String, ThingPrincipalType>> thingPrincipals;
    private Map<String, Map<String, String>> tags;

    Draft(RegistryState base) {
        this.base = base;
    }

    /** What the draft reads: the changes so far over the base. */
    RegistryState view() {
        return certificates == null && caCertificates == null && policies == null && targetPolicies == null
                && thingPrincipals == null && tags == null ? base : freeze();
    }

    Map<String, DeviceCertificate> certificates() {
        if (certificates == null) {
            certificates = new HashMap<>(base.certificates());
        }
        return certificates;
    }

    Map<String, CaCertificate> caCertificates() {
        if (caCertificates == null) {
            caCertificates = new HashMap<>(base.caCertificates());
        }
        return caCertificates;
    }

    Map<String, Policy> policies() {
        if (policies == null) {
            policies = new HashMap<>(base.policies());
        }
        return policies;
    }

    Map<String, List<String>> targetPolicies() {
        if (targetPolicies == null) {
            targetPolicies = new HashMap<>(base.targetPolicies());
        }
        return targetPolicies;
    }

    Map<String, Map<String, ThingPrincipalType>> thingPrincipals() {
        if (thingPrincipals == null) {
            thingPrincipals = new HashMap<>(base.thingPrincipals());
        }
        return thingPrincipals;
    }

    Map<String, Map<String, String>> tags() {
        if (tags == null) {
            tags = new HashMap<>(base.tags());
        }
        return tags;
    }

    RegistryState freeze() {
        return new RegistryState(pick(certificates, base.certificates()), pick(caCertificates, base.caCertificates()),
                pick(policies, base.policies()), pick(targetPolicies, base.targetPolicies()),
                pick(thingPrincipals, base.thingPrincipals()), pick(tags, base.tags()));
    }

    private static <V> Map<String, V> pick(Map<String, V> changed, Map<String, V> original) {
        return changed == null ? original : changed;
    }
}
