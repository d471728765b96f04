package dev.iotcorelocal.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as AWS answers it: the error type (the SDKs' exception class name, sent in
 * {@code x-amzn-ErrorType}), the HTTP status and a message. Handlers throw it; one place turns it
 * into the response, so no handler touches HTTP. Some types carry more body fields (e.g.
 * ResourceAlreadyExistsException's {@code resourceId} and {@code resourceArn}).
 */
public final class AwsException extends RuntimeException {
    private final String errorType;
    private final int status;
    private final Map<String, String> fields;

    public AwsException(String errorType, int status, String message) {
        this(errorType, status, message, Map.of());
    }

    private AwsException(String errorType, int status, String message, Map<String, String> fields) {
        super(message, null, false, false); // expected outcomes: no stack trace to fill or log
        this.errorType = errorType;
        this.status = status;
        this.fields = fields;
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }

    /** Body fields besides {@code message}, in order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** This error with one more body field (null values are left out). */
    public AwsException withField(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new AwsException(errorType, status, getMessage(), Map.copyOf(more));
    }

    /** A registry refusal in AWS's terms: its error type and status, and the resource AWS names for a duplicate. */
    public static AwsException of(dev.iotcorelocal.registry.RegistryRefusal e) {
        return new AwsException(e.error().awsType(), e.error().httpStatus(), e.getMessage())
                .withField("resourceId", e.resourceId()).withField("resourceArn", e.resourceArn());
    }

    public static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequestException", 400, message);
    }

    public static AwsException resourceNotFound(String message) {
        return new AwsException("ResourceNotFoundException", 404, message);
    }

    public static AwsException resourceAlreadyExists(String message, String resourceId, String resourceArn) {
        return new AwsException("ResourceAlreadyExistsException", 409, message)
                .withField("resourceId", resourceId).withField("resourceArn", resourceArn);
    }

    /** AWS IoT's control plane answers LimitExceededException with 410, not 429. */
    public static AwsException certificateState(String message) {
        return new AwsException("CertificateStateException", 406, message);
    }

    public static AwsException unauthorized(String message) {
        return new AwsException("UnauthorizedException", 401, message);
    }

    public static AwsException forbidden(String message) {
        return new AwsException("ForbiddenException", 403, message);
    }

    /** iot-data's throttling answer (429; the control plane's is 400). */
    public static AwsException throttling(String message) {
        return new AwsException("ThrottlingException", 429, message);
    }

    public static AwsException requestEntityTooLarge(String message) {
        return new AwsException("RequestEntityTooLargeException", 413, message);
    }

    /** No operation of the addressed service has this method and path. */
    public static AwsException unknownOperation(String message) {
        return new AwsException("UnknownOperationException", 404, message);
    }

    /**
     * An operation AWS has and this emulator does not: 501, which neither the AWS SDKs nor the
     * CLI retry (they retry 500, 502, 503 and 504).
     */
    public static AwsException notImplemented(String operation) {
        return new AwsException("NotImplementedException", 501, "iotcore-local does not emulate " + operation + " yet");
    }

    public static AwsException internalFailure(String message) {
        return new AwsException("InternalFailureException", 500, message);
    }
}
