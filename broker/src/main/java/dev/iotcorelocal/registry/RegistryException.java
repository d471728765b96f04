package dev.iotcorelocal.registry;

/** A registry rule refused a change; the API turns the kind into AWS's error type and status. */
public final class RegistryException extends RuntimeException {
    public enum Kind { NOT_FOUND, ALREADY_EXISTS, VERSION_CONFLICT, INVALID, DELETE_CONFLICT, LIMIT_EXCEEDED }

    private final Kind kind;

    public RegistryException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static RegistryException notFound(String message) {
        return new RegistryException(Kind.NOT_FOUND, message);
    }

    static RegistryException invalid(String message) {
        return new RegistryException(Kind.INVALID, message);
    }
}
