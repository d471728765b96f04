package dev.iotcorelocal.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The development PKI in one folder, laid out the way AWS IoT samples expect it: the CA as
 * {@code AmazonRootCA1.pem}, a device certificate and key as {@code client-cert.pem} and
 * {@code private-key.pem}, plus the broker's own server certificate. Missing files are made;
 * existing files are never overwritten.
 */
public final class DevPki {
    public static final String CA_CERT = "AmazonRootCA1.pem";
    public static final String CA_KEY = "ca-private-key.pem";
    public static final String SERVER_CERT = "server-cert.pem";
    public static final String SERVER_KEY = "server-private-key.pem";
    public static final String CLIENT_CERT = "client-cert.pem";
    public static final String CLIENT_KEY = "private-key.pem";
    static final List<String> DEFAULT_SERVER_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private final Path dir;

    public DevPki(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates whatever is missing; returns the names of the files it wrote. */
    public List<String> ensure(List<String> extraServerNames) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        boolean haveCa = Files.exists(dir.resolve(CA_CERT));
        if (!haveCa) {
            KeyPair keys = CertificateFactory.newKeyPair();
            PemFiles.writePrivateKey(dir.resolve(CA_KEY), keys.getPrivate());
            PemFiles.writeCertificate(dir.resolve(CA_CERT), CertificateFactory.rootCa(keys, "iotcore-local Dev Root CA"));
            written.add(CA_CERT);
            written.add(CA_KEY);
        }
        if (!Files.exists(dir.resolve(SERVER_CERT)) || !Files.exists(dir.resolve(SERVER_KEY))) {
            requireAbsent(SERVER_CERT, SERVER_KEY);
            List<String> names = new ArrayList<>(DEFAULT_SERVER_NAMES);
            extraServerNames.stream().filter(n -> !names.contains(n)).forEach(names::add);
            KeyPair keys = CertificateFactory.newKeyPair();
            PemFiles.writePrivateKey(dir.resolve(SERVER_KEY), keys.getPrivate());
            PemFiles.writeCertificate(dir.resolve(SERVER_CERT), CertificateFactory.server(keys, ca(), caKey(), names));
            written.add(SERVER_CERT);
            written.add(SERVER_KEY);
        }
        if (!Files.exists(dir.resolve(CLIENT_CERT)) || !Files.exists(dir.resolve(CLIENT_KEY))) {
            requireAbsent(CLIENT_CERT, CLIENT_KEY);
            issueDevice("iotcore-local-device", dir.resolve(CLIENT_CERT), dir.resolve(CLIENT_KEY));
            written.add(CLIENT_CERT);
            written.add(CLIENT_KEY);
        }
        return written;
    }

    /** Issues a further device certificate and key from the local CA. */
    public void issueDevice(String commonName, Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        if (Files.exists(certFile) || Files.exists(keyFile)) {
            throw new IOException("refusing to overwrite " + (Files.exists(certFile) ? certFile : keyFile));
        }
        KeyPair keys = CertificateFactory.newKeyPair();
        X509Certificate cert = CertificateFactory.device(keys, ca(), caKey(), commonName);
        PemFiles.writePrivateKey(keyFile, keys.getPrivate());
        PemFiles.writeCertificate(certFile, cert);
    }

    private X509Certificate ca() throws IOException, GeneralSecurityException {
        return PemFiles.readCertificate(dir.resolve(CA_CERT));
    }

    private PrivateKey caKey() throws IOException {
        Path key = dir.resolve(CA_KEY);
        if (!Files.exists(key)) {
            throw new IOException("cannot issue certificates: " + CA_CERT + " exists in " + dir + " but its key "
                    + CA_KEY + " does not (delete the folder's files to start a new dev PKI)");
        }
        return PemFiles.readPrivateKey(key);
    }

    /** A certificate without its key (or the reverse) is a half-written pair we must not silently replace. */
    private void requireAbsent(String cert, String key) throws IOException {
        if (Files.exists(dir.resolve(cert)) != Files.exists(dir.resolve(key))) {
            throw new IOException(dir + " has only one of " + cert + " and " + key
                    + "; restore the other or delete both to have them generated");
        }
    }
}
