package dev.iotcorelocal.policy;

/** A policy document the engine cannot compile, with the reason. */
public final class PolicyCompileException extends IllegalArgumentException {
    public PolicyCompileException(String message) {
        super(message);
    }
}
