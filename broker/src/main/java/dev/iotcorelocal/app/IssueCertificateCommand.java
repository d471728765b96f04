package dev.iotcorelocal.app;

import dev.iotcorelocal.pki.DevPki;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/** {@code iotcore-local issue-cert --name thing-1}: another device certificate from the local CA. */
final class IssueCertificateCommand {
    static final String NAME = "issue-cert";
    static final String DESCRIPTION =
            "Issue a device certificate and key from the local dev CA (creating the dev PKI if needed).";
    private static final String SYNTAX = "iotcore-local issue-cert --name NAME [OPTIONS]";

    private IssueCertificateCommand() {
    }

    static Options options() {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("name").hasArg().argName("NAME").required()
                .desc("Common name of the device; files are written as NAME-cert.pem and NAME-private-key.pem.").get());
        options.addOption(StartCommand.valued("certificates", "DIR",
                "Dev PKI folder holding the CA (default: certificates)."));
        options.addOption(StartCommand.valued("out", "DIR",
                "Where to write the new files (default: the dev PKI folder)."));
        return Arguments.withStandardOptions(options);
    }

    /** @param args the arguments after {@code issue-cert} */
    static int run(String[] args, PrintStream stdout) throws IOException, GeneralSecurityException {
        Options options = options();
        // before parsing: neither help nor the version may first demand the required --name
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            Arguments.printHelp(stdout, SYNTAX, DESCRIPTION + "\n\nOptions:", options, "");
            return 0;
        }
        if (List.of(args).contains("--version") || List.of(args).contains("-V")) {
            stdout.println(Arguments.VERSION);
            return 0;
        }
        Arguments arguments = Arguments.parse(options, args);
        String name = arguments.text("name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new UsageException("--name must be 1-64 characters of letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
        Path certificates = arguments.has("certificates") ? arguments.path("certificates") : Path.of("certificates");
        Path out = arguments.path("out");
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
        stdout.println("Issued " + cert + " and " + key + " (CA: " + certificates.resolve(DevPki.CA_CERT) + ")");
        if (out == null) {
            // The broker registers the dev PKI folder's certificates when it starts (DevPkiRegistration).
            stdout.println("A broker started on this folder registers it ACTIVE with the "
                    + "iotcore-local-dev-allow-all policy. A broker already running registers it with:\n"
                    + "  aws --endpoint-url http://localhost:8443 iot register-certificate-without-ca "
                    + "--status ACTIVE --certificate-pem file://" + cert.toAbsolutePath());
        }
        return 0;
    }
}
