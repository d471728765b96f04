package dev.iotcorelocal.app;

import dev.iotcorelocal.config.ConfigException;

import java.io.IOException;
import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** The command line: starts the broker ({@link StartCommand}), or issues a device certificate. */
public final class Main {
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Netty 4.2's JFR events (buffer allocator chunks) set up JFR's whole event metadata when their
        // classes load: 0.2-0.3 s of a start. -Dio.netty.jfr.enabled=true brings them back for a profile.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        StartWarmUp.beforeOptions();
        int exitCode;
        try {
            exitCode = execute(args, System.out, System.err);
        } catch (RuntimeException | Error e) {
            // A bug in the broker: its stack trace, and an exit that ends the event loops' threads too.
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    /**
     * Runs a command line and returns its exit code: 0, or 2 for a mistake of the user's (one line on
     * {@code err}). Only a bug in the broker escapes as an exception, with its stack trace.
     */
    static int execute(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        boolean issue = args.length > 0 && args[0].equals(IssueCertificateCommand.NAME);
        try {
            return issue ? IssueCertificateCommand.run(Arrays.copyOfRange(args, 1, args.length), out)
                    : StartCommand.run(args, out);
        } catch (UsageException e) {
            err.println("iotcore-local: " + e.getMessage() + " (see iotcore-local"
                    + (issue ? " " + IssueCertificateCommand.NAME : "") + " --help)");
            return 2;
        } catch (ConfigException | BrokerStartException | IOException | GeneralSecurityException e) {
            err.println("iotcore-local: " + e.getMessage());
            return 2;
        }
    }
}
