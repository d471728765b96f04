package dev.iotcorelocal.registry;

/** How a principal is attached to a thing: exclusive means the thing is the principal's only one. */
public enum ThingPrincipalType {
    EXCLUSIVE_THING, NON_EXCLUSIVE_THING
}
