package dev.iotcorelocal.app;

import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.pki.DevPki;

import java.nio.file.Path;

/** What the broker prints when it is up: where to connect and with which files. */
final class StartBanner {
    private StartBanner() {
    }

    static String render(BrokerConfig config, Broker broker) {
        Path dir = broker.certificatesDir();
        String host = config.listeners().connectHost();
        String hostPort = host.contains(":") ? "[" + host + "]" : host; // an IPv6 literal needs brackets before :port
        StringBuilder out = new StringBuilder();
        out.append("iotcore-local is running (profile: ").append(config.profile().name().toLowerCase(java.util.Locale.ROOT))
                .append("; at INFO the effective configuration is logged above, --print-config shows it).\n\n");
        out.append("  MQTT over mutual TLS: ").append(hostPort).append(':').append(broker.mqttsPort()).append('\n');
        out.append("      CA certificate:     ").append(dir.resolve(DevPki.CA_CERT)).append('\n');
        out.append("      client certificate: ").append(dir.resolve(DevPki.CLIENT_CERT)).append('\n');
        out.append("      client key:         ").append(dir.resolve(DevPki.CLIENT_KEY)).append('\n');
        if (broker.mqttPort() >= 0) {
            out.append("  Plain MQTT:           ").append(hostPort).append(':').append(broker.mqttPort()).append('\n');
        }
        if (broker.apiPort() >= 0) {
            String endpoint = "http://" + hostPort + ':' + broker.apiPort();
            out.append("  AWS IoT HTTP APIs:    ").append(endpoint)
                    .append(" (also https:// with the CA certificate above)\n");
            out.append("      export AWS_ENDPOINT_URL=").append(endpoint).append('\n');
            out.append("      export AWS_ENDPOINT_URL_IOT=").append(endpoint).append('\n');
            out.append("      export AWS_ENDPOINT_URL_IOT_DATA_PLANE=").append(endpoint).append('\n');
        }
        out.append(listening(config.listeners().bind())).append("\n\n");
        out.append("  Try: mosquitto_sub -V mqttv5 -h ").append(host).append(" -p ").append(broker.mqttsPort())
                .append(" --cafile ").append(dir.resolve(DevPki.CA_CERT))
                .append(" --cert ").append(dir.resolve(DevPki.CLIENT_CERT))
                .append(" --key ").append(dir.resolve(DevPki.CLIENT_KEY)).append(" -t 'test/#' -v\n");
        if (broker.apiPort() >= 0) {
            out.append("       AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=")
                    .append(config.aws().region()).append(" aws --endpoint-url http://").append(hostPort).append(':').append(broker.apiPort())
                    .append(" iot list-things\n");
        }
        out.append("  Stop with Ctrl+C.");
        return out.toString();
    }

    private static String listening(String bind) {
        return switch (bind) {
            case "localhost" -> "  Listening on 127.0.0.1 and ::1 (loopback only).";
            case "::", "0:0:0:0:0:0:0:0" -> "  Listening on every interface, IPv4 and IPv6.";
            case "0.0.0.0" -> "  Listening on every IPv4 interface.";
            default -> "  Listening on " + bind + ".";
        };
    }
}
