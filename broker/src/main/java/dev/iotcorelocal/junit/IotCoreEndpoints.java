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
 * @param apiPort    the HTTP API port (AWS SDKs and CLI), or -1 when the API is off
 */
public record IotCoreEndpoints(String host, int mqttsPort, int mqttPort, Path certificatesDir, int apiPort) {

    /** Endpoints without the HTTP API. */
    public IotCoreEndpoints(String host, int mqttsPort, int mqttPort, Path certificatesDir) {
        this(host, mqttsPort, mqttPort, certificatesDir, -1);
    }

    /** What the AWS SDKs' endpointOverride and the CLI's --endpoint-url take: {@code http://host:apiPort}. */
    public java.net.URI apiEndpoint() {
        if (apiPort < 0) {
            throw new IllegalStateException("the HTTP API is disabled (listeners.api-enabled: false)");
        }
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ':' + apiPort);
    }

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
