package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.CompiledPolicy;
import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.policy.PolicyCompileException;
import dev.iotcorelocal.policy.PolicySet;
import dev.iotcorelocal.policy.RequestContext;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real policy engine behind {@link PolicyEngine}: each policy version is compiled once, keyed
 * by policy name and version id (a version's document never changes), so a check never parses
 * JSON. {@link #warm} compiles a registry snapshot's default versions on the caller's thread (the
 * API worker that changed the registry), keeping compilation off the event loops.
 */
public final class CompiledPolicies implements PolicyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledPolicies.class);
    /** A version the engine refused: contributes no statement (logged once when compiled). */
    private static final Object UNUSABLE = new Object();
    private final int capacity;
    private final Map<String, Object> compiled = new ConcurrentHashMap<>();

    public CompiledPolicies() {
        this(10_000);
    }

    /** @param capacity bound on cached versions; past it the cache starts over (deleted policies' versions go) */
    CompiledPolicies(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public PolicyCheck bind(List<Policy> policies, RequestContext context) {
        List<CompiledPolicy> set = new ArrayList<>(policies.size());
        for (Policy policy : policies) {
            CompiledPolicy version = compiled(policy);
            if (version != null) {
                set.add(version);
            }
        }
        return PolicySet.of(set).bind(context);
    }

    /** Compiles every default version of the snapshot not compiled yet. */
    @Override
    public void warm(RegistryState state) {
        state.policies().values().forEach(this::compiled);
    }

    int size() {
        return compiled.size();
    }

    private CompiledPolicy compiled(Policy policy) {
        Policy.Version version = policy.defaultVersion();
        if (version == null) {
            return null;
        }
        String key = policy.name() + '\n' + version.id();
        Object value = compiled.get(key);
        if (value == null) {
            if (compiled.size() >= capacity) {
                compiled.clear();
            }
            value = compiled.computeIfAbsent(key, k -> compile(policy.name(), version));
        }
        return value == UNUSABLE ? null : (CompiledPolicy) value;
    }

    private static Object compile(String name, Policy.Version version) {
        try {
            return CompiledPolicy.compile(name, version.id(), version.document());
        } catch (PolicyCompileException e) {
            LOG.warn("Policy {} version {} cannot be enforced and grants nothing: {}", name, version.id(),
                    e.getMessage());
            return UNUSABLE;
        }
    }
}
