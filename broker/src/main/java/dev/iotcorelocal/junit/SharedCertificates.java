package dev.iotcorelocal.junit;

import dev.iotcorelocal.pki.DevPki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One dev PKI per test JVM, for every broker the extension starts: generating its RSA keys is the
 * slowest part of starting a broker, and brokers started at once must not write the same files.
 * It lives in a temporary folder removed when the JVM exits.
 */
final class SharedCertificates {
    private static Path dir;

    private SharedCertificates() {
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path created = Files.createTempDirectory("iotcore-local-certificates-");
                new DevPki(created).ensure(List.of());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "iotcore-local-certificates"));
                dir = created;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the dev PKI for tests", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create the dev PKI for tests", e);
            }
        }
        return dir;
    }

    /** Ensures an explicitly chosen folder once at a time (missing files are generated, existing ones kept). */
    static synchronized Path ensure(Path chosen) {
        try {
            new DevPki(chosen).ensure(List.of());
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the dev PKI in " + chosen, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the dev PKI in " + chosen, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit: a leftover temporary folder is harmless
        }
    }
}
