package dev.iotcorelocal.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is attached to what: policies to certificates and thing groups (AttachPolicy and the
 * deprecated AttachPrincipalPolicy), certificates to things (AttachThingPrincipal), and the
 * effective policy set that follows. Limits: 10 policies per certificate, 2 per thing group.
 */
public final class AttachmentService {
    static final int MAX_POLICIES_PER_CERTIFICATE = 10;
    static final int MAX_POLICIES_PER_THING_GROUP = 2;

    private final RegistryStore store;
    private final Arns arns;
    private final ThingDirectory things;

    public AttachmentService(RegistryStore store, Arns arns, ThingDirectory things) {
        this.store = store;
        this.arns = arns;
        this.things = things;
    }

    public void attachPolicy(String policyName, String target) {
        PolicyService.requireName(policyName);
        store.write(draft -> {
            RegistryState view = draft.view();
            targetShape(target);
            PolicyService.find(view, policyName);
            Target resolved = target(view, target);
            List<String> attached = view.policiesOf(target);
            if (attached.contains(policyName)) {
                return null; // AWS answers success for a repeated attach
            }
            int limit = resolved.certificate() ? MAX_POLICIES_PER_CERTIFICATE : MAX_POLICIES_PER_THING_GROUP;
            if (attached.size() >= limit) {
                throw new RegistryRefusal(RegistryError.LIMIT_EXCEEDED, "at most " + limit + " policies can be "
                        + "attached to " + (resolved.certificate() ? "a certificate" : "a thing group") + "; "
                        + target + " has " + attached);
            }
            List<String> updated = new ArrayList<>(attached);
            updated.add(policyName);
            draft.targetPolicies().put(target, List.copyOf(updated));
            return null;
        });
    }

    /** DetachPolicy: detaching what is not attached succeeds, as AWS's model has no not-found error here. */
    public void detachPolicy(String policyName, String target, boolean requireExisting) {
        PolicyService.requireName(policyName);
        store.write(draft -> {
            RegistryState view = draft.view();
            if (requireExisting) {
                PolicyService.find(view, policyName);
                target(view, target);
            } else {
                targetShape(target);
            }
            List<String> updated = view.policiesOf(target).stream().filter(p -> !p.equals(policyName)).toList();
            if (updated.isEmpty()) {
                draft.targetPolicies().remove(target);
            } else {
                draft.targetPolicies().put(target, updated);
            }
            return null;
        });
    }

    /** The policies attached to a target; {@code recursive} adds a thing group's ancestors' policies. */
    public Page<Policy> listAttachedPolicies(String target, boolean recursive, String marker, Integer pageSize) {
        RegistryState state = store.current();
        Target resolved = target(state, target);
        Set<String> names = new LinkedHashSet<>(state.policiesOf(target));
        if (recursive && !resolved.certificate()) {
            for (String group : things.groupAncestry(resolved.name())) {
                names.addAll(state.policiesOf(arns.thingGroup(group)));
            }
        }
        return Page.of(policies(state, names), marker, pageSize, "pageSize");
    }

    public Page<String> listTargetsForPolicy(String policyName, String marker, Integer pageSize) {
        PolicyService.requireName(policyName);
        RegistryState state = store.current();
        PolicyService.find(state, policyName);
        return Page.of(state.targetsOf(policyName), marker, pageSize, "pageSize");
    }

    /**
     * GetEffectivePolicies: the certificate's policies and those of every group (with ancestors) of
     * the thing, each once; either may be absent.
     */
    public List<Policy> effectivePolicies(String principal, String thingName) {
        RegistryState state = store.current();
        Set<String> names = new LinkedHashSet<>();
        if (principal != null) {
            names.addAll(state.policiesOf(certificate(state, principal).arn()));
        }
        if (thingName != null) {
            requireThing(thingName);
            for (String group : things.groupsWithAncestors(thingName)) {
                names.addAll(state.policiesOf(arns.thingGroup(group)));
            }
        }
        return policies(state, names);
    }

    public void attachThingPrincipal(String thingName, String principal, String principalType) {
        ThingPrincipalType type = parseType(principalType);
        store.write(draft -> {
            RegistryState view = draft.view();
            requireThing(thingName);
            DeviceCertificate certificate = certificate(view, principal);
            List<String> others = view.thingsOf(certificate.arn()).stream()
                    .filter(t -> !t.equals(thingName) && things.thingExists(t)).toList();
            boolean othersExclusive = others.stream()
                    .anyMatch(t -> view.principalsOf(t).get(certificate.arn()) == ThingPrincipalType.EXCLUSIVE_THING);
            if (othersExclusive || (type == ThingPrincipalType.EXCLUSIVE_THING && !others.isEmpty())) {
                throw RegistryRefusal.invalid("Principal " + principal + " is already attached to " + others
                        + (othersExclusive ? " exclusively" : "") + "; an exclusive thing must be its only thing");
            }
            Map<String, ThingPrincipalType> principals = new HashMap<>(view.principalsOf(thingName));
            principals.put(certificate.arn(), type);
            draft.thingPrincipals().put(thingName, Map.copyOf(principals));
            return null;
        });
    }

    public void detachThingPrincipal(String thingName, String principal) {
        store.write(draft -> {
            RegistryState view = draft.view();
            requireThing(thingName);
            DeviceCertificate certificate = certificate(view, principal);
            Map<String, ThingPrincipalType> principals = new HashMap<>(view.principalsOf(thingName));
            principals.remove(certificate.arn());
            if (principals.isEmpty()) {
                draft.thingPrincipals().remove(thingName);
            } else {
                draft.thingPrincipals().put(thingName, Map.copyOf(principals));
            }
            return null;
        });
    }

    public Page<String> listThingPrincipals(String thingName, String nextToken, Integer maxResults) {
        requireThing(thingName);
        List<String> principals = store.current().principalsOf(thingName).keySet().stream().sorted().toList();
        return Page.of(principals, nextToken, maxResults, "maxResults");
    }

    public Page<String> listPrincipalThings(String principal, String nextToken, Integer maxResults) {
        RegistryState state = store.current();
        List<String> attached = state.thingsOf(certificate(state, principal).arn()).stream()
                .filter(things::thingExists).toList(); // a deleted thing's attachments are stale
        return Page.of(attached, nextToken, maxResults, "maxResults");
    }

    /** Forgets a deleted thing group's policies: AWS removes the grants with the group. */
    public void forgetTarget(String targetArn) {
        store.write(draft -> draft.targetPolicies().remove(targetArn));
    }

    private static ThingPrincipalType parseType(String value) {
        if (value == null) {
            return ThingPrincipalType.NON_EXCLUSIVE_THING;
        }
        try {
            return ThingPrincipalType.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw RegistryRefusal.invalid("thingPrincipalType must be EXCLUSIVE_THING or NON_EXCLUSIVE_THING, was: "
                    + value);
        }
    }

    private void requireThing(String thingName) {
        if (thingName == null || !thingName.matches("[a-zA-Z0-9:_-]{1,128}")) {
            throw RegistryRefusal.invalid("thingName must be 1-128 characters of letters, digits and :_-, was: "
                    + thingName);
        }
        if (!things.thingExists(thingName)) {
            throw RegistryRefusal.notFound("Thing " + thingName + " does not exist");
        }
    }

    private DeviceCertificate certificate(RegistryState state, String principal) {
        if (principal == null || principal.isEmpty()) {
            throw RegistryRefusal.invalid("principal is required");
        }
        Arns.Resource resource = arns.parse(principal).filter(r -> r.type().equals("cert")).orElseThrow(() ->
                RegistryRefusal.invalid("principal must be a certificate ARN of this account and region ("
                        + arns.certificate("<certificateId>") + "), was: " + principal));
        DeviceCertificate certificate = state.certificates().get(resource.name());
        if (certificate == null) {
            throw RegistryRefusal.notFound("Certificate " + resource.name() + " does not exist");
        }
        return certificate;
    }

    private Target target(RegistryState state, String target) {
        Arns.Resource resource = targetShape(target);
        if (resource.type().equals("cert")) {
            certificate(state, target);
            return new Target(true, resource.name());
        }
        if (!things.thingGroupExists(resource.name())) {
            throw RegistryRefusal.notFound("Thing group " + resource.name() + " does not exist");
        }
        return new Target(false, resource.name());
    }

    private Arns.Resource targetShape(String target) {
        if (target == null || target.isEmpty()) {
            throw RegistryRefusal.invalid("target is required");
        }
        return arns.parse(target).filter(r -> r.type().equals("cert") || r.type().equals("thinggroup"))
                .orElseThrow(() -> RegistryRefusal.invalid("target must be a certificate or thing group ARN of "
                        + "this account and region, was: " + target));
    }

    private static List<Policy> policies(RegistryState state, Set<String> names) {
        return names.stream().map(state.policies()::get).filter(p -> p != null).toList();
    }

    private record Target(boolean certificate, String name) {
    }
}
