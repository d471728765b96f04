package dev.iotcorelocal.codec;

import dev.iotcorelocal.packet.MqttPacket;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Random input never escapes the decoder as an exception: only packets, then at most one clean failure. */
class DecoderFuzzTest {

    @Property(tries = 3000)
    void randomBytesAfterConnectOnlyYieldPacketsOrOneFailure(@ForAll @Size(max = 300) byte[] noise) {
        List<Object> out = Frames.decode(Frames.CONNECT_V5, noise);
        assertWellFormed(out);
    }

    @Property(tries = 2000)
    void randomBytesAsFirstPacketNeverThrow(@ForAll @Size(max = 200) byte[] noise) {
        assertWellFormed(Frames.decode(noise));
    }

    @Property(tries = 2000)
    void mutatedValidPublishNeverThrows(@ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.constraints.IntRange(max = 47) Integer> positions,
                                        @ForAll byte replacement) {
        byte[] publish = Frames.hex("32 1f 0003 612f62 0007 15 23 0001 26 0001 6b 0001 31 26 0001 6b 0001 32 09 0001 ff 6869");
        for (int position : positions) {
            publish[position % publish.length] = replacement;
        }
        assertWellFormed(Frames.decode(Frames.CONNECT_V5, publish));
    }

    private static void assertWellFormed(List<Object> out) {
        for (int i = 0; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof DecodeFailure) {
                assertThat(i).as("a failure is the last thing emitted").isEqualTo(out.size() - 1);
                assertThat(((DecodeFailure) o).reasonCode().isError()).isTrue();
            } else {
                assertThat(o).isInstanceOf(MqttPacket.class);
            }
        }
    }
}
