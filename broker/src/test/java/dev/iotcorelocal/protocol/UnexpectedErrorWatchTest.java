package dev.iotcorelocal.protocol;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection fuzzer sees handler exceptions only through the log: the watch must catch that line. */
class UnexpectedErrorWatchTest {

    @Test
    void theHandlersUnexpectedErrorLineIsCaughtOnceAndOtherLinesAreNot() {
        UnexpectedErrorWatch.install();
        LoggerFactory.getLogger(MqttChannelHandler.class).warn("Some other warning");
        assertThatCode(UnexpectedErrorWatch::assertNoneLogged).doesNotThrowAnyException();

        LoggerFactory.getLogger(MqttChannelHandler.class).warn("Closing connection from {} after an unexpected error: {}",
                "embedded", "java.lang.IllegalStateException: test");
        assertThatThrownBy(UnexpectedErrorWatch::assertNoneLogged).hasMessageContaining("IllegalStateException: test");
        assertThatCode(UnexpectedErrorWatch::assertNoneLogged).doesNotThrowAnyException();
    }
}
