package bench;

import com.hivemq.embedded.EmbeddedHiveMQ;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts HiveMQ CE with one plain TCP listener on the given port, until killed. Its home (args[1])
 * holds HiveMQ's data folder: the caller deletes it.
 *
 * <p>Persistence is in memory, like iotcore-local's sessions: a like-for-like comparison. HiveMQ's
 * default file persistence (about 1.7 GB pre-allocated per start) cut its fan-in QoS 0 from 566k
 * to 94k msgs/s and put its p99 at 23-130 ms here; HIVEMQ_PERSISTENCE=file measures that mode.
 */
public final class HiveMqPeer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path home = Files.createDirectories(Path.of(args[1]));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    </listeners>
                    <persistence><mode>%s</mode></persistence>
                    <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, System.getenv().getOrDefault("HIVEMQ_PERSISTENCE", "in-memory")));
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(home.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(home.resolve("extensions"))).build();
        hivemq.start().join();
        System.out.println("HiveMQ CE listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
