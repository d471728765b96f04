package dev.iotcorelocal.junit;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs sample test classes (nested here, so the build does not run them on its own) through the
 * JUnit Platform, to see from outside when their brokers start and stop.
 */
class ExtensionLifecycleTest {
    static final List<Broker> seen = new CopyOnWriteArrayList<>();

    @Test
    void perClassBrokerServesEveryTestAndTheConstructorAndStopsAfterTheClass() {
        seen.clear();
        TestExecutionSummary summary = run(PerClassSample.class);
        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(seen).hasSize(4).allSatisfy(broker -> assertThat(broker).isSameAs(seen.get(0)));
        assertStopped(seen.get(0));
    }

    @Test
    void perTestBrokerIsFreshForEveryTestAndStopsAfterIt() {
        seen.clear();
        TestExecutionSummary summary = run(PerTestSample.class);
        assertThat(summary.getTestsSucceededCount()).as(failures(summary)).isEqualTo(2);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).isNotSameAs(seen.get(1));
        assertStopped(seen.get(0));
        assertStopped(seen.get(1));
    }

    @Test
    void manualTimeOnARealTimeBrokerFailsTheTestSayingHowToEnableIt() {
        TestExecutionSummary summary = run(RealTimeSample.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("@IotCoreLocal(manualTime = true)");
    }

    @Test
    void perTestBrokerCannotBeInjectedIntoTheConstructor() {
        TestExecutionSummary summary = run(PerTestConstructorSample.class);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException())
                .hasMessageContaining("take it as a test method parameter");
    }

    private static void assertStopped(Broker broker) {
        assertThatThrownBy(() -> new Socket("127.0.0.1", broker.mqttPort()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("::1", broker.mqttsPort()).close()).isInstanceOf(ConnectException.class);
    }

    private static TestExecutionSummary run(Class<?> sample) {
        LauncherDiscoveryRequest request = request().selectors(selectClass(sample)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static String failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .toList().toString();
    }

    @IotCoreLocal
    static class PerClassSample {
        PerClassSample(Broker broker) {
            seen.add(broker);
        }

        @Test
        void first(Broker broker, IotCoreEndpoints endpoints) throws IOException {
            seen.add(broker);
            new Socket(endpoints.host(), endpoints.mqttsPort()).close();
        }

        @Test
        void second(Broker broker) {
            seen.add(broker);
        }
    }

    @IotCoreLocal(lifecycle = IotCoreLocal.Lifecycle.PER_TEST)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class PerTestSample {
        @Test
        void first(Broker broker, IotCoreEndpoints endpoints) {
            seen.add(broker);
            IotCoreLocalExtensionTest.connect(endpoints, "keeper", 3600);
            assertThat(broker.hasSession("keeper")).isTrue();
        }

        @Test
        void second(Broker broker) {
            seen.add(broker);
            // "first" left a session of an hour on its broker; this one is new
            assertThat(broker.hasSession("keeper")).isFalse();
        }
    }

    @IotCoreLocal
    static class RealTimeSample {
        @Test
        void wantsManualTime(ManualTime time) {
            assertThat(time).isNotNull();
        }
    }

    @IotCoreLocal(lifecycle = IotCoreLocal.Lifecycle.PER_TEST)
    static class PerTestConstructorSample {
        PerTestConstructorSample(IotCoreEndpoints endpoints) {
            assertThat(endpoints).isNotNull();
        }

        @Test
        void failsBeforeItRuns() {
            // the constructor's parameter cannot be resolved: this body is never reached
        }
    }
}
