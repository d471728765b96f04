package dev.iotcorelocal.conformance;

import dev.iotcorelocal.config.Profile;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The relaxed profile lifts AWS's quotas and rate limits; the aws profile delays, never drops, excess bytes. */
class ProfilesIT {
    @RegisterExtension
    static final IotCoreLocalExtension relaxed = IotCoreLocalExtension.perClass()
            .withConfig(c -> c.withProfile(Profile.RELAXED));
    @RegisterExtension
    static final IotCoreLocalExtension aws = IotCoreLocalExtension.perClass();

    @Test
    void relaxedProfileHasNoQuotasOrRateLimitsButTheSameCapabilities() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(relaxed.endpoints())) {
            client.send(RawMqttClient.connect(5, "r".repeat(300), 60, 0x02, ""));
            PacketView connack = PacketView.of(client.read());
            assertThat(connack.reasonCode).as("300-byte client ID").isZero();
            assertThat(connack.properties).containsEntry(0x21, 100).containsEntry(0x22, 8).containsEntry(0x27, 149_504L);
            ByteArrayOutputStream burst = new ByteArrayOutputStream();
            for (int id = 1; id <= 100; id++) {
                burst.writeBytes(RawMqttClient.publish(1, "a/b/c/d/e/f/g/h/i/j/" + "t".repeat(300), id, "", "x"));
            }
            for (int round = 0; round < 3; round++) {
                client.send(burst.toByteArray());
                for (int i = 0; i < 100; i++) {
                    assertThat(PacketView.of(client.readUntil(4)).reasonCode).isZero();
                }
            }
        }
    }

    @Test
    void bytesAboveFiveHundredTwelveKibPerSecondAreDelayedNotDropped() throws Exception {
        IotCoreEndpoints broker = aws.endpoints();
        try (RawMqttClient subscriber = RawMqttClient.tls(broker);
             RawMqttClient publisher = RawMqttClient.tls(broker)) {
            subscriber.connectV5("throughput-sub", 60);
            subscriber.read();
            subscriber.send(RawMqttClient.subscribe(false, 1, "bulk", 0));
            subscriber.readUntil(9);
            publisher.connectV5("throughput-pub", 60);
            publisher.read();
            String payload = "p".repeat(100_000);
            long start = System.nanoTime();
            for (int i = 0; i < 15; i++) { // 1.5 MB: about three seconds' worth at 512 KiB/s
                publisher.send(RawMqttClient.publish(0, "bulk", 0, "", payload));
            }
            for (int i = 0; i < 15; i++) {
                byte[] message = subscriber.readUntil(3);
                assertThat(new String(message, message.length - 10, 10, StandardCharsets.UTF_8)).isEqualTo("pppppppppp");
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(elapsedMillis).as("1.5 MB cannot pass a 512 KiB/s limit in under 1.5 s").isGreaterThan(1_500);
        }
    }
}
