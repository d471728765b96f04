package dev.iotcorelocal.app;

import dev.iotcorelocal.pki.DevPki;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            System.err.println("iotcore-local: --name must be 1-64 characters of letters, digits, '.', '_' or '-'");
            return 2;
        }
        DevPki pki = new DevPki(certificates);
        pki.ensure(java.util.List.of());
        Path dir = out == null ? certificates : out;
        Files.createDirectories(dir);
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-private-key.pem");
        pki.issueDevice(name, cert, key);
        System.out.println("Issued " + cert + " and " + key + " (CA: " + certificates.resolve(DevPki.CA_CERT) + ")");
        return 0;
    }
}
