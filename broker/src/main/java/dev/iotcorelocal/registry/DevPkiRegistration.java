package dev.iotcorelocal.registry;

import dev.iotcorelocal.pki.DevPki;
import dev.iotcorelocal.pki.PemCodec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the dev PKI's device certificates at start: {@code client-cert.pem} and every
 * certificate {@code issue-cert} wrote into the folder, each ACTIVE with the documented
 * allow-all policy attached, so the quick-start scripts connect with no setup. issue-cert runs
 * in its own process, often while no broker runs; the folder is the state both processes share,
 * so the broker reads it here rather than the command calling a broker that may not be there.
 */
public final class DevPkiRegistration {
    public static final String DEV_POLICY = "iotcore-local-dev-allow-all";
    public static final String DEV_POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private DevPkiRegistration() {
    }

    /** Registers what the folder holds; returns the registered certificates. Reads files: call at start only. */
    public static List<DeviceCertificate> register(SecurityRegistry registry, Path dir, X509Certificate ca)
            throws IOException {
        if (!registry.snapshot().policies().containsKey(DEV_POLICY)) {
            registry.policies().create(DEV_POLICY, DEV_POLICY_DOCUMENT, Map.of());
        }
        List<DeviceCertificate> registered = new ArrayList<>();
        for (X509Certificate certificate : deviceCertificates(dir, ca)) {
            DeviceCertificate record = registry.certificates().registerIfAbsent(certificate, CertificateStatus.ACTIVE);
            registry.attachments().attachPolicy(DEV_POLICY, record.arn());
            registered.add(record);
        }
        return registered;
    }

    /** The client certificates in the folder that the dev CA signed, the file names sorted. */
    static List<X509Certificate> deviceCertificates(Path dir, X509Certificate ca) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> pems = Files.newDirectoryStream(dir, "*.pem")) {
            pems.forEach(files::add);
        }
        files.sort(null);
        List<X509Certificate> found = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals(DevPki.SERVER_CERT) || Files.size(file) > 65_536) {
                continue;
            }
            PemCodec.parseCertificate(Files.readString(file))
                    .filter(c -> c.getBasicConstraints() < 0 && !isServerCertificate(c) && signedBy(c, ca))
                    .ifPresent(found::add);
        }
        return found;
    }

    private static boolean isServerCertificate(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            return usages != null && usages.contains(SERVER_AUTH) && usages.size() == 1;
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        return CertificateParsing.signedBy(certificate, ca);
    }
}
