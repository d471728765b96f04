package dev.iotcorelocal.registry;

/**
 * The registry's one typed error: a rule refused a call, named after AWS's error type, so the
 * HTTP layer answers AWS's error shape for every registry refusal in one place.
 * {@code resourceId}/{@code resourceArn} are set for ResourceAlreadyExistsException, as AWS does.
 */
public final class RegistryRefusal extends RuntimeException {
    private final RegistryError error;
    private final String resourceId;
    private final String resourceArn;

    public RegistryRefusal(RegistryError error, String message) {
        this(error, message, null, null);
    }

    public RegistryRefusal(RegistryError error, String message, String resourceId, String resourceArn) {
        super(message, null, false, false); // an expected answer, not a fault: no stack trace
        this.error = error;
        this.resourceId = resourceId;
        this.resourceArn = resourceArn;
    }

    public RegistryError error() {
        return error;
    }

    public String resourceId() {
        return resourceId;
    }

    public String resourceArn() {
        return resourceArn;
    }

    static RegistryRefusal invalid(String message) {
        return new RegistryRefusal(RegistryError.INVALID_REQUEST, message);
    }

    static RegistryRefusal notFound(String message) {
        return new RegistryRefusal(RegistryError.RESOURCE_NOT_FOUND, message);
    }
}
