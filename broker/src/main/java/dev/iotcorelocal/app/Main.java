package dev.iotcorelocal.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ConfigException;
import dev.iotcorelocal.config.ConfigLoader;
import dev.iotcorelocal.config.ConfigOverride;
import dev.iotcorelocal.config.ConfigReport;
import dev.iotcorelocal.config.LoadedConfig;
import dev.iotcorelocal.pki.DevPki;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;


import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: starts the broker, or issues a device certificate. */
@Command(name = "iotcore-local", mixinStandardHelpOptions = true, version = "iotcore-local 0.1.0",
        description = "A local MQTT 5 broker that behaves like the AWS IoT Core message broker.",
        subcommands = IssueCertificateCommand.class)
public final class Main implements Callable<Integer> {
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration file; keys it omits keep their defaults (see config/iotcore-local.yaml).")
    Path configFile;

    @Option(names = "--certificates", paramLabel = "DIR",
            description = "Dev PKI folder (default: ./certificates); missing files are generated.")
    Path certificates;

    @Option(names = "--mqtts-port", paramLabel = "N", description = "Mutual-TLS MQTT port (default 8883; 0 = any free port).")
    Integer mqttsPort;

    @Option(names = "--mqtt-port", paramLabel = "N", description = "Plain MQTT port (default 1883; 0 = any free port).")
    Integer mqttPort;

    @Option(names = "--no-mqtt", description = "Do not open the plain MQTT listener (mTLS only, as AWS).")
    boolean noPlainMqtt;

    @Option(names = "--api-port", paramLabel = "N",
            description = "HTTP API port for the AWS SDKs and CLI, plain HTTP and TLS (default 8443; 0 = any free port).")
    Integer apiPort;

    @Option(names = "--no-api", description = "Do not open the HTTP API listener.")
    boolean noApi;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default localhost: 127.0.0.1 and ::1; :: or 0.0.0.0 for every interface).")
    String bind;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Limits profile: aws (AWS IoT Core's quotas and rate limits, the default) or relaxed.")
    String profile;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "Registry seed file (YAML or JSON: things, policies, certificates, attachments) applied "
                    + "at start; see docs/registry-seed.md.")
    Path registrySeed;

    @Option(names = "--print-config", description = "Print the effective configuration, with where each value came from, and exit.")
    boolean printConfig;

    @Option(names = "--exit-when-started",
            description = "Start, print the banner, then stop and exit: checks a configuration end to end, times a "
                    + "start, and is how the launcher records its class-data archive.")
    boolean exitWhenStarted;

    @CommandLine.ArgGroup(exclusive = true)
    Verbosity verbosity = new Verbosity();

    /** How much is logged: --log-level and --quiet exclude each other. */
    static final class Verbosity {
        @Option(names = "--log-level", paramLabel = "LEVEL",
                description = "error, warn, info (default: connections, subscriptions, sessions), debug (also every "
                        + "publish and delivery) or trace. Also the environment variable " + LogLevels.ENVIRONMENT + ".")
        String level;

        @Option(names = {"-q", "--quiet"}, description = "Log warnings and errors only (--log-level warn).")
        boolean quiet;
    }

    public static void main(String[] args) {
        // Netty 4.2's JFR events (buffer allocator chunks) set up JFR's whole event metadata when their
        // classes load: 0.2-0.3 s of a start. -Dio.netty.jfr.enabled=true brings them back for a profile.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        StartWarmUp.beforeOptions();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        // A user's mistake is one line and exit 2; only a bug in the broker shows a stack trace.
        cli.setParameterExceptionHandler((e, args) -> {
            String hint = e instanceof CommandLine.UnmatchedArgumentException unmatched
                    && !unmatched.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?" : "";
            e.getCommandLine().getErr().println("iotcore-local: " + e.getMessage().strip() + hint
                    + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException || e instanceof BrokerStartException
                    || e instanceof IOException || e instanceof GeneralSecurityException) {
                line.getErr().println("iotcore-local: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        LogLevels.apply(verbosity.level, verbosity.quiet, System.getenv(LogLevels.ENVIRONMENT));
        StartWarmUp.afterLogLevel(); // Netty's classes create their loggers as they load
        LoadedConfig loaded = effectiveConfig();
        if (printConfig) {
            System.out.print(ConfigReport.render(loaded));
            return 0;
        }
        BrokerConfig config = loaded.config();
        Broker broker = Broker.start(config);
        if (exitWhenStarted) {
            System.out.println(StartBanner.render(config, broker));
            broker.stop();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "iotcore-shutdown"));
        System.out.println(StartBanner.render(config, broker));
        stopped.await();
        return 0;
    }

    /** The file's configuration with each option given laid over it (options win), and every value's origin. */
    LoadedConfig effectiveConfig() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<ConfigOverride> options = new ArrayList<>();
        if (profile != null) {
            options.add(new ConfigOverride("profile", json.textNode(profile), "option --profile"));
        }
        if (bind != null) {
            options.add(new ConfigOverride("listeners.bind", json.textNode(bind), "option --bind"));
        }
        if (mqttsPort != null) {
            options.add(new ConfigOverride("listeners.mqtts-port", json.numberNode(mqttsPort), "option --mqtts-port"));
        }
        if (mqttPort != null) {
            options.add(new ConfigOverride("listeners.mqtt-port", json.numberNode(mqttPort), "option --mqtt-port"));
        }
        if (noPlainMqtt) {
            options.add(new ConfigOverride("listeners.mqtt-enabled", json.booleanNode(false), "option --no-mqtt"));
        }
        if (apiPort != null) {
            options.add(new ConfigOverride("listeners.api-port", json.numberNode(apiPort), "option --api-port"));
        }
        if (noApi) {
            options.add(new ConfigOverride("listeners.api-enabled", json.booleanNode(false), "option --no-api"));
        }
        if (registrySeed != null) {
            options.add(new ConfigOverride("aws.registry-seed", json.textNode(registrySeed.toString()),
                    "option --registry"));
        }
        if (certificates != null) {
            options.add(new ConfigOverride("tls.certificates-dir", json.textNode(certificates.toString()),
                    "option --certificates"));
        }
        return ConfigLoader.load(configFile, options);
    }

}
