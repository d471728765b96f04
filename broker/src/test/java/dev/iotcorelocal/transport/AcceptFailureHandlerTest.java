package dev.iotcorelocal.transport;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A listener out of file descriptors pauses accepting for a second, then resumes by itself. */
class AcceptFailureHandlerTest {

    @Test
    void anAcceptFailurePausesAcceptingForOneSecond() {
        EmbeddedChannel listener = new EmbeddedChannel(new AcceptFailureHandler());
        listener.freezeTime();

        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
        assertThat(listener.config().isAutoRead()).isFalse();

        listener.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isFalse();
        listener.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).as("accepting again").isTrue();
        assertThat(listener.isOpen()).isTrue();
    }

    @Test
    void otherFailuresAreNotItsBusiness() {
        EmbeddedChannel listener = new EmbeddedChannel(new AcceptFailureHandler());
        listener.pipeline().fireExceptionCaught(new IllegalStateException("bug"));
        assertThatThrownBy(listener::checkException).isInstanceOf(IllegalStateException.class);
        assertThat(listener.config().isAutoRead()).isTrue();
    }
}
