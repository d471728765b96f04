package dev.iotcorelocal.junit;

import dev.iotcorelocal.app.Broker;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ListenerConfig;
import dev.iotcorelocal.config.Profile;
import dev.iotcorelocal.config.TlsConfig;
import dev.iotcorelocal.junit.IotCoreLocal.Lifecycle;
import dev.iotcorelocal.session.ManualTime;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The JUnit 5 extension behind {@link IotCoreLocal}, also usable programmatically for any
 * configuration:
 * <pre>{@code
 * @RegisterExtension
 * static final IotCoreLocalExtension broker = IotCoreLocalExtension.perClass()
 *         .withManualTime()
 *         .withConfig(config -> config.withProfile(Profile.RELAXED));
 * }</pre>
 * Brokers listen on free ports of 127.0.0.1 and ::1 ({@code localhost}). Parameters of type
 * {@link IotCoreEndpoints}, {@link Broker}, {@link ManualTime} and {@link Clock} are injected; a
 * per-class broker can also be injected into the test class's constructor.
 */
public final class IotCoreLocalExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** Where manual time starts unless told otherwise: a fixed instant, so runs repeat exactly. */
    /** A system property: event loop threads of every broker started, overriding the configuration. */
    public static final String IO_THREADS_PROPERTY = "iotcore-local.io-threads";
    public static final Instant MANUAL_TIME_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<Class<?>> INJECTED = Set.of(IotCoreEndpoints.class, Broker.class, ManualTime.class, Clock.class);

    private final Settings given; // null: read from the test class's @IotCoreLocal
    private Running running;

    /** For {@link IotCoreLocal}: the settings come from the annotation. */
    public IotCoreLocalExtension() {
        this(null);
    }

    private IotCoreLocalExtension(Settings given) {
        this.given = given;
    }

    /** One broker for the test class: register it in a static field. */
    public static IotCoreLocalExtension perClass() {
        return new IotCoreLocalExtension(Settings.of(Lifecycle.PER_CLASS));
    }

    /** A fresh broker for every test: register it in an instance field and take it as a test method parameter. */
    public static IotCoreLocalExtension perTest() {
        return new IotCoreLocalExtension(Settings.of(Lifecycle.PER_TEST));
    }

    /** Changes the configuration the broker starts with (after free ports, the shared PKI and the profile are set). */
    public IotCoreLocalExtension withConfig(UnaryOperator<BrokerConfig> customizer) {
        UnaryOperator<BrokerConfig> before = settings().customizer();
        return new IotCoreLocalExtension(settings().with(config -> customizer.apply(before.apply(config))));
    }

    /** Time moves only through the injected {@link ManualTime}, from {@link #MANUAL_TIME_START}. */
    public IotCoreLocalExtension withManualTime() {
        return withManualTime(MANUAL_TIME_START);
    }

    public IotCoreLocalExtension withManualTime(Instant start) {
        Settings s = settings();
        return new IotCoreLocalExtension(new Settings(s.lifecycle(), s.customizer(), start, s.certificates()));
    }

    /** The dev PKI folder to use (missing files are generated) instead of one shared by the test JVM. */
    public IotCoreLocalExtension withCertificates(Path dir) {
        Settings s = settings();
        return new IotCoreLocalExtension(new Settings(s.lifecycle(), s.customizer(), s.manualTimeStart(), dir));
    }

    /** The running broker. */
    public Broker broker() {
        return current().broker();
    }

    /** Where the running broker listens. */
    public IotCoreEndpoints endpoints() {
        return current().endpoints();
    }

    /** The running broker's manual time; fails when it runs on real time. */
    public ManualTime time() {
        Running current = current();
        if (current.time() == null) {
            throw new IllegalStateException("this broker runs on real time: use withManualTime() or @IotCoreLocal(manualTime = true)");
        }
        return current.time();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (settings(context).lifecycle() == Lifecycle.PER_CLASS && running == null) { // an outer class's broker serves @Nested ones
            running = start(settings(context), context.getUniqueId());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).lifecycle() == Lifecycle.PER_TEST) {
            stopIfStartedBy(context); // defensive: never leak a broker across tests
            running = start(settings(context), context.getUniqueId());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopIfStartedBy(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running current = running;
        if (current == null) {
            throw new ParameterResolutionException("no iotcore-local broker is running for " + parameter.getDeclaringExecutable()
                    + ": a per-test broker starts after the test instance is made, so take it as a test method parameter");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == IotCoreEndpoints.class) {
            return current.endpoints();
        } else if (type == Broker.class) {
            return current.broker();
        } else if (type == Clock.class) {
            return current.time() == null ? Clock.systemUTC() : current.time().clock();
        }
        if (current.time() == null) {
            throw new ParameterResolutionException("ManualTime is injected only into a broker on manual time: "
                    + "use @IotCoreLocal(manualTime = true) or IotCoreLocalExtension.withManualTime()");
        }
        return current.time();
    }

    private static Running start(Settings settings, String owner) {
        Path certificates = settings.certificates() == null ? SharedCertificates.dir()
                : SharedCertificates.ensure(settings.certificates().toAbsolutePath());
        BrokerConfig config = withIoThreadsProperty(settings.customizer().apply(BrokerConfig.defaults()
                .withListeners(new ListenerConfig(ListenerConfig.LOOPBACK, 0, 0, true))
                .withTls(new TlsConfig(certificates.toString(), List.of()))));
        ManualTime time = settings.manualTimeStart() == null ? null : new ManualTime(settings.manualTimeStart());
        Broker broker = time == null ? Broker.start(config) : Broker.start(config, time.clock(), time);
        IotCoreEndpoints endpoints = new IotCoreEndpoints(config.listeners().connectHost(), broker.mqttsPort(),
                broker.mqttPort(), broker.certificatesDir(), broker.apiPort());
        return new Running(broker, endpoints, time, owner);
    }

    /**
     * The system property {@value #IO_THREADS_PROPERTY} overrides {@code transport.io-threads} of
     * every broker the extension starts: a suite run again with 2 puts consecutive connections on
     * different event loops, so takeovers and wake-ups cross threads (this build does so).
     */
    private static BrokerConfig withIoThreadsProperty(BrokerConfig config) {
        String threads = System.getProperty(IO_THREADS_PROPERTY);
        if (threads == null || threads.isBlank()) {
            return config;
        }
        try {
            return config.withTransport(config.transport().withIoThreads(Integer.parseInt(threads.trim())));
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(IO_THREADS_PROPERTY + " must be a number, was '" + threads + "'");
        }
    }

    private void stopIfStartedBy(ExtensionContext context) {
        Running current = running;
        if (current != null && current.owner().equals(context.getUniqueId())) {
            running = null;
            current.broker().stop();
        }
    }

    private Running current() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("no iotcore-local broker is running: it starts before all tests (perClass, "
                    + "registered in a static field) or before each test (perTest)");
        }
        return current;
    }

    private Settings settings() {
        if (given == null) {
            throw new IllegalStateException("configure the extension through @IotCoreLocal's attributes");
        }
        return given;
    }

    private Settings settings(ExtensionContext context) {
        if (given != null) {
            return given;
        }
        IotCoreLocal annotation = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), IotCoreLocal.class)
                .or(() -> enclosingAnnotation(context.getRequiredTestClass()))
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "IotCoreLocalExtension needs @IotCoreLocal on the test class or registration through perClass()/perTest()"));
        Profile profile = annotation.profile();
        boolean plain = annotation.plainMqtt();
        UnaryOperator<BrokerConfig> customizer = config -> config.withProfile(profile)
                .withListeners(new ListenerConfig(config.listeners().bind(), 0, 0, plain));
        return new Settings(annotation.lifecycle(), customizer, annotation.manualTime() ? MANUAL_TIME_START : null, null);
    }

    private static Optional<IotCoreLocal> enclosingAnnotation(Class<?> testClass) {
        for (Class<?> c = testClass.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            Optional<IotCoreLocal> found = AnnotationSupport.findAnnotation(c, IotCoreLocal.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private record Settings(Lifecycle lifecycle, UnaryOperator<BrokerConfig> customizer, Instant manualTimeStart,
                            Path certificates) {
        static Settings of(Lifecycle lifecycle) {
            return new Settings(lifecycle, UnaryOperator.identity(), null, null);
        }

        Settings with(UnaryOperator<BrokerConfig> newCustomizer) {
            return new Settings(lifecycle, newCustomizer, manualTimeStart, certificates);
        }
    }

    private record Running(Broker broker, IotCoreEndpoints endpoints, ManualTime time, String owner) {
    }
}
