package dev.iotcorelocal;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package boundaries of docs/architecture, enforced. */
@AnalyzeClasses(packages = "dev.iotcorelocal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packetsAreFreeOfEverything = noClasses().that().resideInAPackage("..packet..")
            .should().dependOnClassesThat().resideOutsideOfPackages("..packet..", "java..");

    @ArchTest
    static final ArchRule codecKnowsOnlyPackets = noClasses().that().resideInAPackage("..codec..")
            .should().dependOnClassesThat().resideInAnyPackage("..protocol..", "..session..", "..routing..",
                    "..delivery..", "..transport..", "..app..", "..config..");

    @ArchTest
    static final ArchRule coreIsTestableWithoutNettyChannels = noClasses()
            .that().resideInAnyPackage("..routing..", "..session..", "..delivery..", "..message..", "..auth..", "..config..",
                    "..events..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..");

    @ArchTest
    static final ArchRule nettysMqttCodecIsATestOracleOnly = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.netty.handler.codec.mqtt..");

    @ArchTest
    static final ArchRule nothingDependsOnTheAppButTheJUnitExtension = noClasses()
            .that().resideOutsideOfPackages("..app..", "..junit..")
            .should().dependOnClassesThat().resideInAPackage("..app..");

    /** JUnit is a provided dependency: only the extension's package may need it at run time. */
    @ArchTest
    static final ArchRule onlyTheJUnitExtensionKnowsJUnit = noClasses().that().resideOutsideOfPackage("..junit..")
            .should().dependOnClassesThat().resideInAPackage("org.junit..");

    @ArchTest
    static final ArchRule nothingDependsOnTheJUnitExtension = noClasses().that().resideOutsideOfPackage("..junit..")
            .should().dependOnClassesThat().resideInAPackage("dev.iotcorelocal.junit..");

    @ArchTest
    static final ArchRule routingDoesNotKnowSessions = noClasses().that().resideInAPackage("..routing..")
            .should().dependOnClassesThat().resideInAnyPackage("..session..", "..delivery..", "..protocol..");

    /** The registry is state and rules only: HTTP, MQTT connections and Netty stay out (docs: architecture §8). */
    @ArchTest
    static final ArchRule registryKnowsNoTransport = noClasses().that().resideInAPackage("..registry..")
            .should().dependOnClassesThat().resideInAnyPackage("..api..", "..protocol..", "..transport..", "..codec..",
                    "io.netty..");

    /**
     * Lifecycle events are told about connections and publish messages: they know neither the
     * protocol that tells them nor where the messages go beyond a routing function.
     */
    @ArchTest
    static final ArchRule eventsKnowOnlyMessages = noClasses().that().resideInAPackage("..events..")
            .should().dependOnClassesThat().resideInAnyPackage("..protocol..", "..transport..", "..codec..",
                    "..session..", "..routing..", "..delivery..", "..api..", "..config..", "..registry..");

    /** The MQTT side never depends on the HTTP API: services call into the broker, not the other way. */
    @ArchTest
    static final ArchRule mqttSideIgnoresTheHttpApi = noClasses()
            .that().resideInAnyPackage("..protocol..", "..transport..", "..codec..", "..session..", "..routing..",
                    "..delivery..")
            .should().dependOnClassesThat().resideInAPackage("..api..");

    /** Shadows see messages through the router's tap and publish through the router, never a channel (§8). */
    @ArchTest
    static final ArchRule shadowsNeverTouchAConnection = noClasses().that().resideInAPackage("..shadow..")
            .should().dependOnClassesThat().resideInAnyPackage("..protocol..", "..transport..", "..codec..",
                    "..api..", "..session..", "io.netty..");

    /**
     * Rules see messages through the router's tap and republish through a function the app wires
     * to the broker's publisher: never a connection, the HTTP API or a session (§8).
     */
    @ArchTest
    static final ArchRule rulesNeverTouchAConnection = noClasses().that().resideInAPackage("..rules..")
            .should().dependOnClassesThat().resideInAnyPackage("..protocol..", "..transport..", "..codec..",
                    "..api..", "..session..", "..app..");

    /** Netty appears in the rules only as the AWS SDK HTTP client's own event loops, which the SDK actions shut down. */
    @ArchTest
    static final ArchRule rulesUseNoNettyButTheSdksClient = noClasses().that().resideInAPackage("..rules..")
            .and().resideOutsideOfPackage("..rules.action.aws..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..");

    @ArchTest
    static final ArchRule onlyTheAwsActionsUseTheAwsSdk = noClasses().that().resideOutsideOfPackage("..rules.action.aws..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    /**
     * What the broker loads at start (the factories and the lazy client cache) names no SDK class,
     * so a broker without SDK rules never loads the SDK: its start time stays as it was.
     */
    @ArchTest
    static final ArchRule theAwsActionFactoriesLoadNoSdk = noClasses()
            .that(DescribedPredicate.describe("are loaded at broker start", (JavaClass type) ->
                    type.getPackageName().endsWith(".rules.action.aws")
                            && (type.getSimpleName().endsWith("Factory") || Set.of("AwsActions", "AwsClients",
                            "AwsTarget", "AwsFields", "NotEmulatedAction", "LogStreams", "SdkTimeouts")
                            .contains(type.getSimpleName()))))
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    /** The rules SQL is a pure function of one message: no connections, sessions, Netty, HTTP or stores (issue 16). */
    @ArchTest
    static final ArchRule rulesSqlIsPure = noClasses().that().resideInAPackage("..rules.sql..")
            .should().dependOnClassesThat().resideInAnyPackage("..protocol..", "..transport..", "..codec..",
                    "..session..", "..delivery..", "..api..", "..registry..", "..shadow..", "..rules.action..",
                    "io.netty..");
}
