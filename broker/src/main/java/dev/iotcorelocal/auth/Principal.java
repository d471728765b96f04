package dev.iotcorelocal.auth;

import dev.iotcorelocal.registry.DeviceCertificate;
import dev.iotcorelocal.registry.Policy;
import dev.iotcorelocal.registry.Thing;

import java.util.List;

/**
 * A certificate as the registry knows it at one snapshot: its record (null when not registered),
 * the thing the connection is associated with (null for none) and the effective policies.
 */
record Principal(DeviceCertificate certificate, Thing thing, List<Policy> policies) {
    Principal {
        policies = List.copyOf(policies);
    }
}
