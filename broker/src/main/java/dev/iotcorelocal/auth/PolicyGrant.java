package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.Decision;
import dev.iotcorelocal.policy.Outcome;
import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.registry.RegistryState;
import dev.iotcorelocal.registry.ThingPrincipalType;
import dev.iotcorelocal.registry.ThingRegistry;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One connection's grant, evaluated against its effective policies as they are now. The
 * policies are bound to the connection's context once per pair of registry snapshots (both are
 * immutable and replaced on every write): a check compares two references, and after any change
 * the next check binds again, so a new default version, an attachment or a group membership
 * applies to the very next request. Decisions are cached per binding, per action and resource.
 */
final class PolicyGrant implements ClientGrant {
    static final String CONNECT = "iot:Connect";
    static final String PUBLISH = "iot:Publish";
    static final String RETAIN_PUBLISH = "iot:RetainPublish";
    static final String SUBSCRIBE = "iot:Subscribe";
    static final String RECEIVE = "iot:Receive";

    /** Binds the connection's policies at a pair of snapshots. */
    @FunctionalInterface
    interface Binder {
        Binding bind(RegistryState security, ThingRegistry.State things);
    }

    /**
     * The policies bound at one pair of snapshots, with that binding's decisions. The {@code *All}
     * flags say the action is allowed on every topic (or filter) of the account, as under the dev
     * allow-all policy: such checks then skip the caches entirely.
     */
    record Binding(RegistryState security, ThingRegistry.State things, String thingName, PolicyCheck check,
                   DecisionCache publish, DecisionCache retain, DecisionCache subscribe, DecisionCache receive,
                   boolean publishAll, boolean retainAll, boolean subscribeAll, boolean receiveAll) {
        Binding(RegistryState security, ThingRegistry.State things, String thingName, PolicyCheck check,
                String arnPrefix) {
            this(security, things, thingName, check, new DecisionCache(), new DecisionCache(), new DecisionCache(),
                    new DecisionCache(), check.allowsEvery(PUBLISH, arnPrefix + "topic/"),
                    check.allowsEvery(RETAIN_PUBLISH, arnPrefix + "topic/"),
                    check.allowsEvery(SUBSCRIBE, arnPrefix + "topicfilter/"),
                    check.allowsEvery(RECEIVE, arnPrefix + "topic/"));
        }
    }

    private final String clientId;
    private final String principalId;
    private final String arnPrefix;
    private final Supplier<RegistryState> security;
    private final Supplier<ThingRegistry.State> things;
    private final Binder binder;
    private final DenialLog denials;
    private final Runnable revoke;
    private final Consumer<PolicyGrant> onRelease;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Binding binding;

    /**
     * @param arnPrefix {@code arn:aws:iot:<region>:<account>:}
     * @param revoke ends the connection (on its own event loop)
     * @param onRelease stops watching the certificate
     */
    PolicyGrant(String clientId, String principalId, String arnPrefix, Supplier<RegistryState> security,
                Supplier<ThingRegistry.State> things, Binder binder, Runnable revoke, Consumer<PolicyGrant> onRelease,
                Consumer<String> denialSink) {
        this.clientId = clientId;
        this.principalId = principalId;
        this.arnPrefix = arnPrefix;
        this.security = security;
        this.things = things;
        this.binder = binder;
        this.revoke = revoke;
        this.onRelease = onRelease;
        this.denials = new DenialLog(clientId, denialSink);
    }

    /** The binding for the registry as it is now; binds again when either snapshot changed. */
    Binding current() {
        RegistryState securityNow = security.get();
        ThingRegistry.State thingsNow = things.get();
        Binding bound = binding;
        if (bound == null || bound.security() != securityNow || bound.things() != thingsNow) {
            bound = binder.bind(securityNow, thingsNow);
            binding = bound;
        }
        return bound;
    }

    /** iot:Connect on client/<client ID>; logs a denial. */
    boolean canConnect() {
        Binding bound = current();
        return decide(bound, CONNECT, arnPrefix + "client/" + clientId).allowed();
    }

    @Override
    public boolean canPublish(String topic, boolean retain) {
        Binding bound = current();
        return (bound.publishAll() || allowed(bound, bound.publish(), PUBLISH, topic))
                && (!retain || bound.retainAll() || allowed(bound, bound.retain(), RETAIN_PUBLISH, topic));
    }

    @Override
    public boolean canSubscribe(String topicFilter) {
        Binding bound = current();
        if (bound.subscribeAll()) {
            return true;
        }
        Boolean cached = bound.subscribe().get(topicFilter);
        if (cached != null) {
            return cached;
        }
        boolean allowed = decide(bound, SUBSCRIBE, arnPrefix + "topicfilter/" + topicFilter).allowed();
        bound.subscribe().put(topicFilter, allowed);
        return allowed;
    }

    @Override
    public boolean canReceive(String topic, String shareGroup) {
        Binding bound = current();
        if (bound.receiveAll()) { // covers $share/<group>/<topic> too: it is under topic/ as well
            return true;
        }
        if (shareGroup == null) {
            return allowed(bound, bound.receive(), RECEIVE, topic);
        }
        String sharedTopic = "$share/" + shareGroup + "/" + topic;
        Boolean cached = bound.receive().get(sharedTopic);
        if (cached != null) {
            return cached;
        }
        Outcome plain = bound.check().decide(RECEIVE, arnPrefix + "topic/" + topic).outcome();
        Outcome shared = bound.check().decide(RECEIVE, arnPrefix + "topic/" + sharedTopic).outcome();
        boolean allowed = plain != Outcome.EXPLICIT_DENY && shared != Outcome.EXPLICIT_DENY
                && (plain == Outcome.ALLOWED || shared == Outcome.ALLOWED);
        if (!allowed) {
            String resource = arnPrefix + "topic/" + (plain == Outcome.EXPLICIT_DENY || shared != Outcome.EXPLICIT_DENY
                    ? topic : sharedTopic);
            denials.denied(RECEIVE, resource, () -> bound.check().explain(RECEIVE, resource).text());
        }
        bound.receive().put(sharedTopic, allowed);
        return allowed;
    }

    /** iot:Publish (and RetainPublish) on the topic, decided on its own (the Will at CONNECT). */
    private boolean allowed(Binding bound, DecisionCache cache, String action, String topic) {
        Boolean cached = cache.get(topic);
        if (cached != null) {
            return cached;
        }
        boolean allowed = decide(bound, action, arnPrefix + "topic/" + topic).allowed();
        cache.put(topic, allowed);
        return allowed;
    }

    private Decision decide(Binding bound, String action, String resource) {
        Decision decision = bound.check().decide(action, resource);
        if (!decision.allowed()) {
            denials.denied(action, resource, () -> bound.check().explain(action, resource).text());
        }
        return decision;
    }

    @Override
    public String thingName() {
        return current().thingName();
    }

    @Override
    public String exclusiveThingName() {
        Binding bound = current();
        String thing = bound.thingName();
        return thing != null && bound.security().principalsOf(thing).get(arnPrefix + "cert/" + principalId)
                == ThingPrincipalType.EXCLUSIVE_THING ? thing : null;
    }

    @Override
    public String principalId() {
        return principalId;
    }

    String clientId() {
        return clientId;
    }

    /** Ends the connection once, whatever number of registry changes notice it. */
    void revoke() {
        if (ended.compareAndSet(false, true)) {
            onRelease.accept(this);
            revoke.run();
        }
    }

    @Override
    public void release() {
        if (ended.compareAndSet(false, true)) {
            onRelease.accept(this);
        }
    }
}
