package dev.iotcorelocal.app;

import dev.iotcorelocal.pki.DevPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code iotcore-local issue-cert --name thing-1}: another device certificate from the local CA. */
@Command(name = "issue-cert", mixinStandardHelpOptions = true,
        description = "Issue a device certificate and key from the local dev CA (creating the dev PKI if needed).")
final class IssueCertificateCommand implements Callable<Integer> {

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Common name of the device; files are written as NAME-cert.pem and NAME-private-key.pem.")
    String name;

    @Option(names = "--certificates", paramLabel = "DIR", defaultValue = "certificates",
            description = "Dev PKI folder holding the CA (default: ${DEFAULT-VALUE}).")
    Path certificates;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the new files (default: the dev PKI folder).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ParameterException(spec.commandLine(),
                    "--name must be 1-64 characters of letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        Path dir = out == null ? certificates : out;
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-private-key.pem");
        for (Path existing : List.of(cert, key)) {
            if (Files.exists(existing)) {
                // Not a usage mistake (no "see --help"), but still the user's to fix: one line, exit 2.
                throw new IOException(existing + " already exists: choose another --name"
                        + " (or delete " + cert.getFileName() + " and " + key.getFileName() + " to issue them again)");
            }
        }
        DevPki pki = new DevPki(certificates);
        pki.ensure(List.of());
        Files.createDirectories(dir);
        pki.issueDevice(name, cert, key);
        System.out.println("Issued " + cert + " and " + key + " (CA: " + certificates.resolve(DevPki.CA_CERT) + ")");
        if (out == null) {
            // The broker registers the dev PKI folder's certificates when it starts (DevPkiRegistration).
            System.out.println("A broker started on this folder registers it ACTIVE with the "
                    + "iotcore-local-dev-allow-all policy. A broker already running registers it with:\n"
                    + "  aws --endpoint-url http://localhost:8443 iot register-certificate-without-ca "
                    + "--status ACTIVE --certificate-pem file://" + cert.toAbsolutePath());
        }
        return 0;
    }
}
