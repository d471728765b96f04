package dev.iotcorelocal.auth;

import dev.iotcorelocal.policy.PolicyCheck;
import dev.iotcorelocal.policy.RequestContext;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.RegistryState;

import java.util.List;

/** Turns a principal's effective policies (their default versions) and its context into a check. */
public interface PolicyEngine {
    PolicyCheck bind(List<Policy> policies, RequestContext context);

    /** Prepares the snapshot's default versions ahead of use (off the event loops); optional. */
    default void warm(RegistryState state) {
    }
}
