package dev.iotcorelocal.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Policies and their versions with AWS's rules: version 1 is the default at creation, at most 5
 * versions (VersionsLimitExceededException 409), the default version cannot be deleted, and a
 * policy cannot be deleted while attached or while it has other versions (DeleteConflictException).
 */
public final class PolicyService {
    static final int MAX_VERSIONS = 5;
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern VERSION_ID = Pattern.compile("[0-9]{1,9}");

    private final RegistryStore store;
    private final Arns arns;
    private final Clock clock;
    private final TagService tags;

    public PolicyService(RegistryStore store, Arns arns, Clock clock, TagService tags) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
        this.tags = tags;
    }

    public Policy create(String name, String document, Map<String, String> initialTags) {
        requireName(name);
        PolicyDocuments.validate(document);
        TagService.validate(initialTags);
        return store.write(draft -> {
            if (draft.policies().containsKey(name)) {
                throw new RegistryRefusal(RegistryError.RESOURCE_ALREADY_EXISTS,
                        "Policy cannot be created - name already exists (name=" + name + ")", name, arns.policy(name));
            }
            Instant now = clock.instant();
            Policy policy = new Policy(name, arns.policy(name), List.of(new Policy.Version("1", document, now)), "1", 1,
                    now, now, UUID.randomUUID().toString());
            draft.policies().put(name, policy);
            if (!initialTags.isEmpty()) {
                tags.put(draft, policy.arn(), initialTags);
            }
            return policy;
        });
    }

    public Policy get(String name) {
        requireName(name);
        return find(store.current(), name);
    }

    public Page<Policy> list(String marker, Integer pageSize, boolean ascending) {
        Comparator<Policy> order = Comparator.comparing(Policy::name);
        List<Policy> all = store.current().policies().values().stream()
                .sorted(ascending ? order : order.reversed()).toList();
        return Page.of(all, marker, pageSize, "pageSize");
    }

    public void delete(String name) {
        requireName(name);
        store.write(draft -> {
            RegistryState view = draft.view();
            Policy policy = find(view, name);
            List<String> targets = view.targetsOf(name);
            if (!targets.isEmpty()) {
                throw new RegistryRefusal(RegistryError.DELETE_CONFLICT, "The policy cannot be deleted as the "
                        + "policy is attached to one or more principals (name=" + name + "): " + targets);
            }
            if (policy.versions().size() > 1) {
                throw new RegistryRefusal(RegistryError.DELETE_CONFLICT, "Cannot delete the policy because it "
                        + "has one or more policy versions besides the default (name=" + name + ")");
            }
            draft.policies().remove(name);
            draft.tags().remove(policy.arn());
            return null;
        });
    }

    public Policy.Version createVersion(String name, String document, boolean setAsDefault) {
        requireName(name);
        PolicyDocuments.validate(document);
        return store.write(draft -> {
            Policy policy = find(draft.view(), name);
            if (policy.versions().size() >= MAX_VERSIONS) {
                throw new RegistryRefusal(RegistryError.VERSIONS_LIMIT_EXCEEDED, "The policy " + name
                        + " already has the maximum number of versions (" + MAX_VERSIONS + "); delete one first");
            }
            Instant now = clock.instant();
            int number = policy.lastVersionNumber() + 1;
            Policy.Version version = new Policy.Version(Integer.toString(number), document, now);
            List<Policy.Version> versions = new ArrayList<>(policy.versions());
            versions.add(version);
            draft.policies().put(name, new Policy(name, policy.arn(), versions,
                    setAsDefault ? version.id() : policy.defaultVersionId(), number, policy.creationDate(), now,
                    UUID.randomUUID().toString()));
            return version;
        });
    }

    public Policy.Version getVersion(String name, String versionId) {
        requireName(name);
        return findVersion(find(store.current(), name), versionId);
    }

    /** The versions, newest first. */
    public List<Policy.Version> listVersions(String name) {
        requireName(name);
        List<Policy.Version> versions = new ArrayList<>(find(store.current(), name).versions());
        java.util.Collections.reverse(versions);
        return versions;
    }

    public void setDefaultVersion(String name, String versionId) {
        requireName(name);
        store.write(draft -> {
            Policy policy = find(draft.view(), name);
            Policy.Version version = findVersion(policy, versionId);
            draft.policies().put(name, new Policy(name, policy.arn(), policy.versions(), version.id(),
                    policy.lastVersionNumber(), policy.creationDate(), clock.instant(), UUID.randomUUID().toString()));
            return null;
        });
    }

    public void deleteVersion(String name, String versionId) {
        requireName(name);
        store.write(draft -> {
            Policy policy = find(draft.view(), name);
            Policy.Version version = findVersion(policy, versionId);
            if (version.id().equals(policy.defaultVersionId())) {
                throw new RegistryRefusal(RegistryError.DELETE_CONFLICT, "Cannot delete the default version "
                        + versionId + " of policy " + name + "; make another version the default first");
            }
            List<Policy.Version> versions = policy.versions().stream().filter(v -> v != version).toList();
            draft.policies().put(name, new Policy(name, policy.arn(), versions, policy.defaultVersionId(),
                    policy.lastVersionNumber(), policy.creationDate(), clock.instant(), UUID.randomUUID().toString()));
            return null;
        });
    }

    static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RegistryRefusal.invalid("policyName must be 1-128 characters of letters, digits and _+=,.@-"
                    + ", was: " + name);
        }
    }

    static Policy find(RegistryState state, String name) {
        Policy policy = state.policies().get(name);
        if (policy == null) {
            throw RegistryRefusal.notFound("Policy not found (name=" + name + ")");
        }
        return policy;
    }

    private static Policy.Version findVersion(Policy policy, String versionId) {
        if (versionId == null || !VERSION_ID.matcher(versionId).matches()) {
            throw RegistryRefusal.invalid("policyVersionId must be a number, was: " + versionId);
        }
        Policy.Version version = policy.version(Integer.toString(Integer.parseInt(versionId)));
        if (version == null) {
            throw RegistryRefusal.notFound("Policy version " + versionId + " of policy " + policy.name()
                    + " not found");
        }
        return version;
    }
}
