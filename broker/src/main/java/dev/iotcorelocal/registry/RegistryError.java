package dev.iotcorelocal.registry;

/** The AWS IoT error types the registry raises, with the HTTP status AWS's model gives each. */
public enum RegistryError {
    INVALID_REQUEST("InvalidRequestException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 409),
    DELETE_CONFLICT("DeleteConflictException", 409),
    VERSION_CONFLICT("VersionConflictException", 409),
    CERTIFICATE_STATE("CertificateStateException", 406),
    CERTIFICATE_VALIDATION("CertificateValidationException", 400),
    MALFORMED_POLICY("MalformedPolicyException", 400),
    VERSIONS_LIMIT_EXCEEDED("VersionsLimitExceededException", 409),
    LIMIT_EXCEEDED("LimitExceededException", 410);

    private final String awsType;
    private final int httpStatus;

    RegistryError(String awsType, int httpStatus) {
        this.awsType = awsType;
        this.httpStatus = httpStatus;
    }

    public String awsType() {
        return awsType;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
