package dev.iotcorelocal.app;

import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ConfigException;
import dev.iotcorelocal.config.ConfigLoader;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;
import dev.iotcorelocal.pki.DevPki;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The command line: starts the broker, or issues a device certificate. */
@Command(name = "iotcore-local", mixinStandardHelpOptions = true, version = "iotcore-local 0.1.0",
        description = "A local MQTT 5 broker that behaves like the AWS IoT Core message broker.",
        subcommands = IssueCertificateCommand.class)
public final class Main implements Callable<Integer> {

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

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Limits profile: aws (AWS IoT Core's quotas and rate limits, the default) or relaxed.")
    String profile;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigException || e instanceof BrokerStartException) {
                line.getErr().println("iotcore-local: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        BrokerConfig config = effectiveConfig();
        if (printConfig) {
            System.out.print(ConfigLoader.toYaml(config));
            return 0;
        }
        Broker broker = Broker.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }, "iotcore-shutdown"));
        System.out.println(StartBanner.render(config, broker));
        stopped.await();
        return 0;
    }

    BrokerConfig effectiveConfig() {
        BrokerConfig config = ConfigLoader.load(configFile, profile);
        ListenerConfig l = config.listeners();
        config = config.withListeners(new ListenerConfig(bind != null ? bind : l.bind(),
                mqttsPort != null ? mqttsPort : l.mqttsPort(), mqttPort != null ? mqttPort : l.mqttPort(),
                l.mqttEnabled() && !noPlainMqtt));
        if (certificates != null) {
            config = config.withTls(new TlsConfig(certificates.toString(), config.tls().extraServerNames()));
        }
        return config;
    }

}
