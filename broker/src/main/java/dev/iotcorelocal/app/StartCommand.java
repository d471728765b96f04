package dev.iotcorelocal.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ConfigLoader;
import dev.iotcorelocal.config.ConfigOverride;
import dev.iotcorelocal.config.ConfigReport;
import dev.iotcorelocal.config.LoadedConfig;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.OptionGroup;
import org.apache.commons.cli.Options;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code iotcore-local [OPTIONS]}: starts the broker with the options laid over its configuration file. */
final class StartCommand {
    static final String SYNTAX = "iotcore-local [OPTIONS]   or   iotcore-local issue-cert --name NAME [OPTIONS]";
    private static final String DESCRIPTION =
            "A local MQTT 5 broker and AWS IoT HTTP APIs that behave like AWS IoT Core.\n\nOptions:";
    private static final String FOOTER = "\nCommands:\n  issue-cert   Issue a device certificate and key from the "
            + "local dev CA (iotcore-local issue-cert --help).";

    private final Arguments arguments;

    private StartCommand(Arguments arguments) {
        this.arguments = arguments;
    }

    static Options options() {
        Options options = new Options();
        options.addOption(valued("config", "FILE",
                "YAML configuration file; keys it omits keep their defaults (see config/iotcore-local.yaml)."));
        options.addOption(valued("certificates", "DIR",
                "Dev PKI folder (default: ./certificates); missing files are generated."));
        options.addOption(valued("mqtts-port", "N", "Mutual-TLS MQTT port (default 8883; 0 = any free port)."));
        options.addOption(valued("mqtt-port", "N", "Plain MQTT port (default 1883; 0 = any free port)."));
        options.addOption(flag("no-mqtt", "Do not open the plain MQTT listener (mTLS only, as AWS)."));
        options.addOption(valued("api-port", "N",
                "HTTP API port for the AWS SDKs and CLI, plain HTTP and TLS (default 8443; 0 = any free port)."));
        options.addOption(flag("no-api", "Do not open the HTTP API listener."));
        options.addOption(valued("bind", "ADDR", "Address to listen on (default localhost: 127.0.0.1 and ::1; :: or "
                + "0.0.0.0 for every interface)."));
        options.addOption(valued("profile", "NAME",
                "Limits profile: aws (AWS IoT Core's quotas and rate limits, the default) or relaxed."));
        options.addOption(valued("registry", "FILE", "Registry seed file (YAML or JSON: things, policies, "
                + "certificates, attachments) applied at start; see docs/registry-seed.md."));
        options.addOption(flag("print-config",
                "Print the effective configuration, with where each value came from, and exit."));
        options.addOption(flag("exit-when-started", "Start, print the banner, then stop and exit: checks a "
                + "configuration end to end, times a start, and is how the launcher records its class-data archive."));
        OptionGroup verbosity = new OptionGroup();
        verbosity.addOption(valued("log-level", "LEVEL", "error, warn, info (default: connections, subscriptions, "
                + "sessions), debug (also every publish and delivery) or trace. Also the environment variable "
                + LogLevels.ENVIRONMENT + "."));
        verbosity.addOption(Option.builder("q").longOpt("quiet")
                .desc("Log warnings and errors only (--log-level warn).").get());
        options.addOptionGroup(verbosity);
        return Arguments.withStandardOptions(options);
    }

    static Option valued(String name, String argName, String description) {
        return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).get();
    }

    static Option flag(String name, String description) {
        return Option.builder().longOpt(name).desc(description).get();
    }

    /** Runs the command line; returns the exit code, or does not return while the broker runs. */
    static int run(String[] args, PrintStream out) throws InterruptedException {
        Options options = options();
        Arguments arguments = Arguments.parse(options, args);
        if (arguments.has("help")) {
            Arguments.printHelp(out, SYNTAX, DESCRIPTION, options, FOOTER);
            return 0;
        }
        if (arguments.has("version")) {
            out.println(Arguments.VERSION);
            return 0;
        }
        return new StartCommand(arguments).start(out);
    }

    private int start(PrintStream out) throws InterruptedException {
        LogLevels.apply(arguments.text("log-level"), arguments.has("quiet"), System.getenv(LogLevels.ENVIRONMENT));
        StartWarmUp.afterLogLevel(); // Netty's classes create their loggers as they load
        LoadedConfig loaded = effectiveConfig();
        if (arguments.has("print-config")) {
            out.print(ConfigReport.render(loaded));
            out.flush();
            return 0;
        }
        BrokerConfig config = loaded.config();
        Broker broker = Broker.start(config);
        if (arguments.has("exit-when-started")) {
            out.println(StartBanner.render(config, broker));
            broker.stop();
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "iotcore-shutdown"));
        out.println(StartBanner.render(config, broker));
        out.flush();
        stopped.await();
        return 0;
    }

    /** The file's configuration with each option given laid over it (options win), and every value's origin. */
    private LoadedConfig effectiveConfig() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<ConfigOverride> overrides = new ArrayList<>();
        text(overrides, "profile", "profile");
        text(overrides, "bind", "listeners.bind");
        Integer mqttsPort = arguments.integer("mqtts-port");
        if (mqttsPort != null) {
            overrides.add(new ConfigOverride("listeners.mqtts-port", json.numberNode(mqttsPort), "option --mqtts-port"));
        }
        Integer mqttPort = arguments.integer("mqtt-port");
        if (mqttPort != null) {
            overrides.add(new ConfigOverride("listeners.mqtt-port", json.numberNode(mqttPort), "option --mqtt-port"));
        }
        if (arguments.has("no-mqtt")) {
            overrides.add(new ConfigOverride("listeners.mqtt-enabled", json.booleanNode(false), "option --no-mqtt"));
        }
        Integer apiPort = arguments.integer("api-port");
        if (apiPort != null) {
            overrides.add(new ConfigOverride("listeners.api-port", json.numberNode(apiPort), "option --api-port"));
        }
        if (arguments.has("no-api")) {
            overrides.add(new ConfigOverride("listeners.api-enabled", json.booleanNode(false), "option --no-api"));
        }
        text(overrides, "registry", "aws.registry-seed");
        text(overrides, "certificates", "tls.certificates-dir");
        return ConfigLoader.load(arguments.path("config"), overrides);
    }

    private void text(List<ConfigOverride> overrides, String option, String key) {
        String value = arguments.text(option);
        if (value != null) {
            overrides.add(new ConfigOverride(key, JsonNodeFactory.instance.textNode(value), "option --" + option));
        }
    }
}
