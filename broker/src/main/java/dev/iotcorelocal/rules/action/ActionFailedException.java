package dev.iotcorelocal.rules.action;

/** An action that did not happen; the message becomes {@code failures[].errorMessage} in the error action's document. */
public final class ActionFailedException extends RuntimeException {
    public ActionFailedException(String message) {
        super(message);
    }

    public ActionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
