package dev.iotcorelocal.conformance;

import dev.iotcorelocal.config.LimitsConfig;
import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocalExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Clean Start takeover racing the old connection's SUBSCRIBEs, over raw sockets. The build also
 * runs this with two event loops, where the old and the new connection sit on different threads
 * (issue 11: 23 of 40 trials left ghost subscriptions). Whatever the old connection still had in
 * its input when the takeover was decided, the new session gets only what it subscribed to.
 */
class TakeoverRaceIT {
    private static final int TRIALS = 40;
    private static final int GHOSTS = 50;

    // Relaxed limits: AWS's 100 publishes per second would drop the markers of later trials.
    @RegisterExtension
    static final IotCoreLocalExtension iotCore = IotCoreLocalExtension.perClass()
            .withConfig(c -> c.withLimits(LimitsConfig.relaxed()));

    @Test
    void subscribesTheOldConnectionSendsDuringATakeoverNeverReachTheNewSession(IotCoreEndpoints broker) throws Exception {
        try (RawMqttClient publisher = RawMqttClient.plain(broker)) {
            publisher.connectV5("race-publisher", 60).read();
            for (int trial = 0; trial < TRIALS; trial++) {
                String clientId = "racer-" + trial;
                try (RawMqttClient old = RawMqttClient.plain(broker); RawMqttClient fresh = RawMqttClient.plain(broker)) {
                    old.connectV5(clientId, 60).read();
                    old.send(subscribes(trial)); // not waiting for the SUBACKs: they race the takeover
                    fresh.connectV5(clientId, 60).read();
                    fresh.send(RawMqttClient.subscribe(false, 1, "marker/" + trial, 0)).readUntil(9);

                    for (int ghost = 0; ghost < GHOSTS; ghost++) {
                        publisher.send(RawMqttClient.publish(0, "ghost/" + trial + "/" + ghost, 0, "", "ghost"));
                    }
                    publisher.send(RawMqttClient.publish(0, "marker/" + trial, 0, "", "marker"));

                    assertThat(topicOf(fresh.readUntil(3))).as("trial %d: the first message the new session gets", trial)
                            .isEqualTo("marker/" + trial);
                }
            }
        }
    }

    private static byte[] subscribes(int trial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int ghost = 0; ghost < GHOSTS; ghost++) {
            out.writeBytes(RawMqttClient.subscribe(false, ghost + 1, "ghost/" + trial + "/" + ghost, 0));
        }
        return out.toByteArray();
    }

    private static String topicOf(byte[] publish) {
        int at = 1;
        while ((publish[at] & 0x80) != 0) { // remaining length
            at++;
        }
        at++;
        int length = (publish[at] & 0xFF) << 8 | publish[at + 1] & 0xFF;
        return new String(publish, at + 2, length, StandardCharsets.UTF_8);
    }
}
