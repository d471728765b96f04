package dev.iotcorelocal.auth;

import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.DeviceCertificate;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryState;
import dev.iotcorelocal.registry.Thing;
import dev.iotcorelocal.registry.ThingGroup;
import dev.iotcorelocal.registry.ThingPrincipalType;
import dev.iotcorelocal.registry.ThingRegistry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Who a certificate is at one pair of registry snapshots (aws-iot-policies-and-lifecycle.md §1.2,
 * §1.3): the thing of the connection is the certificate's EXCLUSIVE_THING, else the thing named
 * like the client ID when the certificate is attached to it, else none; the effective policies
 * are the default versions of those attached to the certificate and, with a thing, to its groups
 * and their ancestors. CPU only; the reverse index of exclusive attachments is built once per
 * security snapshot, not per connection.
 */
final class PrincipalResolver {
    private final Arns arns;
    private final AtomicReference<ExclusiveIndex> exclusive = new AtomicReference<>(new ExclusiveIndex(null, Map.of()));

    PrincipalResolver(Arns arns) {
        this.arns = arns;
    }

    /** @param clientId the MQTT client ID, or null (HTTP: no client ID, so no thing is associated) */
    Principal resolve(String certificateId, String clientId, RegistryState security, ThingRegistry.State things) {
        DeviceCertificate certificate = security.certificates().get(certificateId);
        if (certificate == null) {
            return new Principal(null, null, List.of());
        }
        Thing thing = clientId == null ? null : thingOf(certificate.arn(), clientId, security, things);
        Set<String> names = new LinkedHashSet<>(security.policiesOf(certificate.arn()));
        if (thing != null) {
            for (String group : groupsWithAncestors(thing, things)) {
                names.addAll(security.policiesOf(arns.thingGroup(group)));
            }
        }
        return new Principal(certificate, thing, policies(names, security));
    }

    /** Registered policies by name, in order; names no longer registered are skipped. */
    static List<Policy> policies(Iterable<String> names, RegistryState security) {
        List<Policy> policies = new ArrayList<>();
        for (String name : names) {
            Policy policy = security.policies().get(name);
            if (policy != null) {
                policies.add(policy);
            }
        }
        return policies;
    }

    private Thing thingOf(String certificateArn, String clientId, RegistryState security, ThingRegistry.State things) {
        String exclusiveThing = exclusiveIndex(security).thingOf(certificateArn);
        if (exclusiveThing != null) {
            return things.things().get(exclusiveThing);
        }
        if (security.principalsOf(clientId).containsKey(certificateArn)) {
            return things.things().get(clientId);
        }
        return null;
    }

    /** The thing's groups (sorted) each followed by its ancestors up to the root, each group once. */
    private static List<String> groupsWithAncestors(Thing thing, ThingRegistry.State things) {
        Set<String> groups = new LinkedHashSet<>();
        thing.groups().stream().sorted().forEach(name -> {
            ThingGroup group = things.groups().get(name);
            // the bound guards against a cycle the registry should never hold
            for (int depth = 0; group != null && depth <= things.groups().size(); depth++) {
                groups.add(group.name());
                group = group.parentName() == null ? null : things.groups().get(group.parentName());
            }
        });
        return List.copyOf(groups);
    }

    private ExclusiveIndex exclusiveIndex(RegistryState security) {
        ExclusiveIndex index = exclusive.get();
        if (index.state != security) {
            index = ExclusiveIndex.of(security);
            exclusive.set(index);
        }
        return index;
    }

    /** Principal ARN to its EXCLUSIVE_THING, for one snapshot. */
    private record ExclusiveIndex(RegistryState state, Map<String, String> thingByPrincipal) {
        static ExclusiveIndex of(RegistryState state) {
            Map<String, String> index = new HashMap<>();
            state.thingPrincipals().forEach((thing, principals) -> principals.forEach((principal, type) -> {
                if (type == ThingPrincipalType.EXCLUSIVE_THING) {
                    index.put(principal, thing);
                }
            }));
            return new ExclusiveIndex(state, Map.copyOf(index));
        }

        String thingOf(String principalArn) {
            return thingByPrincipal.get(principalArn);
        }
    }
}
