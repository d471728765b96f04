package dev.iotcorelocal.junit;

import dev.iotcorelocal.pki.DevPki;

import java.nio.file.Path;

/**
 * Where a test's clients connect, with which files: the AWS IoT samples' names for the CA,
 * device certificate and key.
 *
 * @param host       the host to connect to; the server certificate is valid for it
 * @param mqttsPort  the mutual-TLS MQTT port
 * @param mqttPort   the plain MQTT port, or -1 when the plain listener is off
 * @param certificatesDir the dev PKI folder
 */
public record IotCoreEndpoints(String host, int mqttsPort, int mqttPort, Path certificatesDir) {

    /** The CA certificate (AmazonRootCA1.pem) that signed the server's and the device's certificates. */
    public Path caCertificate() {
        return certificatesDir.resolve(DevPki.CA_CERT);
    }

    /** The device certificate (client-cert.pem). */
    public Path clientCertificate() {
        return certificatesDir.resolve(DevPki.CLIENT_CERT);
    }

    /** The device's private key (private-key.pem). */
    public Path clientKey() {
        return certificatesDir.resolve(DevPki.CLIENT_KEY);
    }
}
