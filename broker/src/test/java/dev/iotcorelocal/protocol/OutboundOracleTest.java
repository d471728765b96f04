package dev.iotcorelocal.protocol;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection fuzzer's judge of outbound bytes must reject what a client could not read. */
class OutboundOracleTest {
    private final OutboundOracle oracle = new OutboundOracle();

    @AfterEach
    void close() {
        oracle.close();
    }

    @Test
    void wholePacketsOfOneVersionPass() {
        assertThatCode(() -> {
            oracle.check(bytes("20 03 00 00 00")); // MQTT 5 CONNACK, no properties
            oracle.check(bytes("d0 00")); // PINGRESP
        }).doesNotThrowAnyException();
    }

    @Test
    void aTruncatedPacketFails() {
        assertThatThrownBy(() -> oracle.check(bytes("30 05 00 01 74"))).hasMessageContaining("not a whole MQTT packet");
    }

    @Test
    void twoPacketsInOneWriteFail() {
        assertThatThrownBy(() -> oracle.check(bytes("d0 00 d0 00"))).hasMessageContaining("not a whole MQTT packet");
    }

    @Test
    void somethingOtherThanBytesFails() {
        assertThatThrownBy(() -> oracle.check("a packet object")).hasMessageContaining("other than bytes");
    }

    private static io.netty.buffer.ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex.replace(" ", "")));
    }
}
