package dev.iotcorelocal.auth;

/**
 * Who is on the other end of a connection: the client certificate's subject and a certificate
 * id (SHA-256 of the DER, hex, as AWS IoT names certificates), or {@link #ANONYMOUS} on the
 * plain listener.
 */
public record ClientIdentity(String subject, String certificateId) {
    public static final ClientIdentity ANONYMOUS = new ClientIdentity("anonymous", "");
}
