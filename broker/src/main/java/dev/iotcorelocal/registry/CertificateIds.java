package dev.iotcorelocal.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** AWS IoT's certificate ID: the SHA-256 of the DER encoding in 64 lowercase hex characters. */
public final class CertificateIds {
    private static final Pattern ID = Pattern.compile("[a-fA-F0-9]{64}");

    private CertificateIds() {
    }

    public static String of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    public static String of(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An ID from a request, in the form stored: AWS's pattern allows upper case. */
    public static String normalize(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw RegistryRefusal.invalid("certificateId must be 64 hexadecimal characters, was: " + id);
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
