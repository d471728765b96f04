package dev.iotcorelocal.app;

/** The broker could not start: the message says why (port in use, unreadable certificates, ...). */
public final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
