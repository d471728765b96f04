package dev.iotcorelocal.rules.action;

/** An action definition AWS refuses at CreateTopicRule (InvalidRequestException): the message says which field and why. */
public final class InvalidActionException extends Exception {
    public InvalidActionException(String message) {
        super(message);
    }
}
