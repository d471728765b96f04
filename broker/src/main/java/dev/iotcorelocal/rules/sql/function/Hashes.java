package dev.iotcorelocal.rules.sql.function;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** AWS's hash functions: lowercase hex of the UTF-8 bytes' digest. One MessageDigest per thread (they are not thread-safe). */
final class Hashes {
    static final List<String> NAMES = List.of("md2", "md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    private final ThreadLocal<MessageDigest> digests;

    private Hashes(String javaName) {
        this.digests = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance(javaName);
            } catch (NoSuchAlgorithmException missing) {
                throw new IllegalStateException("the JDK lacks " + javaName, missing);
            }
        });
    }

    static Hashes of(String sqlName) {
        String lower = sqlName.toLowerCase(Locale.ROOT);
        String javaName = lower.startsWith("sha") ? "SHA-" + lower.substring(3) : lower.toUpperCase(Locale.ROOT);
        return new Hashes(javaName);
    }

    String hex(String text) {
        MessageDigest digest = digests.get();
        return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
