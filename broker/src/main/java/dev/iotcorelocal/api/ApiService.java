package dev.iotcorelocal.api;

import java.util.Locale;

/** The AWS services one listener serves, told apart by the SigV4 signing name or, unsigned, by path and host. */
public enum ApiService {
    /** {@code iot}: the registry and everything else in the control plane. */
    CONTROL("iot"),
    /** {@code iot-data}: publish, retained messages, connections, shadows. */
    DATA("iot-data"),
    /** {@code iot-jobs-data}: the devices' side of jobs. */
    JOBS("iot-jobs-data");

    private final String cliName;

    ApiService(String cliName) {
        this.cliName = cliName;
    }

    /** The name the AWS CLI uses for this service ({@code aws iot-data ...}). */
    public String cliName() {
        return cliName;
    }

    /** The service a SigV4 credential scope names, or null for one this listener does not serve. */
    static ApiService forSigningName(String signingName) {
        return switch (signingName.toLowerCase(Locale.ROOT)) {
            case "iot", "execute-api" -> CONTROL; // the Java SDK signs "iot", the CLI 2.9 "execute-api"
            case "iotdata", "iotdevicegateway" -> DATA;
            case "iot-jobs-data" -> JOBS;
            default -> null;
        };
    }
}
