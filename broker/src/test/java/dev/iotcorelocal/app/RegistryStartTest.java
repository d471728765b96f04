package dev.iotcorelocal.app;

import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryStartTest {

    @Test
    void aBadSeedEntryStopsTheStartNamingFileEntryAndReason(@TempDir Path dir) throws Exception {
        Path seed = Files.writeString(dir.resolve("seed.yaml"), "policies:\n  - name: ok\n    document: "
                + "'{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:*\",\"Resource\":\"*\"}}'\n"
                + "  - name: broken\n    document: '{\"Version\":\"2012-10-17\"}'\n");
        BrokerConfig config = BrokerConfig.defaults()
                .withListeners(new ListenerConfig("127.0.0.1", 0, 0, false, 0, true))
                .withTls(new TlsConfig(dir.resolve("certs").toString(), List.of()));

        assertThatThrownBy(() -> Broker.start(config.withAws(config.aws().withRegistrySeed(seed.toString()))))
                .isInstanceOf(BrokerStartException.class)
                .hasMessage("registry seed file " + seed + ": policies[1] (broken): MalformedPolicyException: "
                        + "the policy document has no Statement");
        try (Broker broker = Broker.start(config)) {
            assertThat(broker.apiPort()).isPositive(); // the failed start left nothing bound or half-built behind
        }
    }

    @Test
    void theRegistryOptionSetsTheSeedFile() throws InterruptedException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        assertThat(Main.execute(new String[] {"--registry", "ci/seed.yaml", "--print-config"}, out, System.err)).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("registry-seed: \"ci/seed.yaml\"",
                "endpoint-host: \"localhost\"");
    }
}
