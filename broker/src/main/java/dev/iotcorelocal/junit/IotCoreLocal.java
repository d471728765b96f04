package dev.iotcorelocal.junit;

import dev.iotcorelocal.config.Profile;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs an iotcore-local broker for a JUnit 5 test class, on free loopback ports with a dev PKI,
 * and injects what a test needs as parameters (constructor, lifecycle or test method):
 * {@link IotCoreEndpoints}, {@link dev.iotcorelocal.app.Broker}, and with {@link #manualTime()}
 * the {@link dev.iotcorelocal.session.ManualTime} that session and message expiry run on.
 * <pre>{@code
 * @IotCoreLocal
 * class DeviceTest {
 *     @Test
 *     void publishes(IotCoreEndpoints broker) {
 *         // connect to broker.host():broker.mqttsPort() with broker.caCertificate(), ...
 *     }
 * }
 * }</pre>
 * For a configuration the attributes do not cover, register {@link IotCoreLocalExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IotCoreLocalExtension.class)
public @interface IotCoreLocal {

    /** One broker for the whole class (the default), or a fresh one for every test. */
    Lifecycle lifecycle() default Lifecycle.PER_CLASS;

    /** Time moves only when the test advances the injected ManualTime: expiry without waiting. */
    boolean manualTime() default false;

    /** AWS IoT Core's limits (the default) or none beyond the protocol's. */
    Profile profile() default Profile.AWS;

    /** Also open the plain (non-TLS) MQTT listener. */
    boolean plainMqtt() default true;

    /** When brokers start and stop. */
    enum Lifecycle {
        /** Started before the class's first test, stopped after its last. */
        PER_CLASS,
        /** Started before each test, stopped after it: no state carries over. */
        PER_TEST
    }
}
