package dev.iotcorelocal.auth;

import java.security.cert.X509Certificate;

/**
 * Decides what a client may do: once per CONNECT, which yields the connection's grant for every
 * later request. Implementations are CPU-only and never block: they run on event loops.
 */
public interface Authorizer {

    ConnectDecision connect(ConnectAttempt attempt);

    /**
     * iot-data Publish over HTTP: null when allowed, else why not (for a 403). {@code certificate}
     * is the TLS client certificate, or null for a SigV4 request (IAM is not emulated: allowed).
     */
    String refuseHttpPublish(X509Certificate certificate, String topic, boolean retain);
}
