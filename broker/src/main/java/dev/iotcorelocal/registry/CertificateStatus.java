package dev.iotcorelocal.registry;

/** AWS's certificate statuses. Only ACTIVE authenticates; UpdateCertificate may set the first three. */
public enum CertificateStatus {
    ACTIVE, INACTIVE, REVOKED, PENDING_TRANSFER, REGISTER_INACTIVE, PENDING_ACTIVATION;

    boolean settableByUpdate() {
        return this == ACTIVE || this == INACTIVE || this == REVOKED;
    }

    static CertificateStatus parse(String value, String field) {
        if (value == null) {
            throw RegistryRefusal.invalid(field + " is required");
        }
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw RegistryRefusal.invalid(field + " must be one of ACTIVE, INACTIVE, REVOKED, PENDING_TRANSFER, "
                    + "REGISTER_INACTIVE, PENDING_ACTIVATION; was: " + value);
        }
    }
}
