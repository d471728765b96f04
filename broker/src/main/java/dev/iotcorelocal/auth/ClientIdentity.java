package dev.iotcorelocal.auth;

import java.security.cert.X509Certificate;

/**
 * Who is on the other end of a connection: the client certificate's subject, its id (SHA-256 of
 * the DER, hex, as AWS IoT names certificates) and the leaf certificate itself (for the
 * certificate policy variables), or {@link #ANONYMOUS} on the plain listener.
 */
public record ClientIdentity(String subject, String certificateId, X509Certificate certificate) {
    public static final ClientIdentity ANONYMOUS = new ClientIdentity("anonymous", "", null);

    /** Whether the client presented a certificate (the TLS listener); false on the plain listener. */
    public boolean hasCertificate() {
        return certificate != null;
    }
}
