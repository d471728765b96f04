package dev.iotcorelocal.policy;

/** AWS's three authorization decisions (TestAuthorization's {@code authDecision}). */
public enum Outcome {
    ALLOWED, EXPLICIT_DENY, IMPLICIT_DENY
}
