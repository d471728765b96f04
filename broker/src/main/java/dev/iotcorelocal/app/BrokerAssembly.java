package dev.iotcorelocal.app;

import dev.iotcorelocal.api.ApiModule;
import dev.iotcorelocal.api.ApiServer;
import dev.iotcorelocal.api.CaCertificatesApi;
import dev.iotcorelocal.api.CertificatesApi;
import dev.iotcorelocal.api.DataPlaneApi;
import dev.iotcorelocal.api.EndpointApi;
import dev.iotcorelocal.api.PoliciesApi;
import dev.iotcorelocal.api.PolicyAttachmentsApi;
import dev.iotcorelocal.api.RulesApi;
import dev.iotcorelocal.api.ShadowApi;
import dev.iotcorelocal.api.TagsApi;
import dev.iotcorelocal.api.TestAuthorizationApi;
import dev.iotcorelocal.api.ThingGroupsApi;
import dev.iotcorelocal.api.ThingPrincipalsApi;
import dev.iotcorelocal.api.ThingsApi;
import dev.iotcorelocal.auth.CompiledPolicies;
import dev.iotcorelocal.auth.PolicyAuthorizer;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.config.ConfigReport;
import dev.iotcorelocal.delivery.CompositeTap;
import dev.iotcorelocal.delivery.Router;
import dev.iotcorelocal.events.ConnectionEvents;
import dev.iotcorelocal.events.LifecycleEvents;
import dev.iotcorelocal.limits.ConnectRateLimiter;
import dev.iotcorelocal.limits.ConnectRefusalLog;
import dev.iotcorelocal.message.Message;
import dev.iotcorelocal.pki.DevPki;
import dev.iotcorelocal.protocol.ApplicationPublisher;
import dev.iotcorelocal.protocol.ProtocolContext;
import dev.iotcorelocal.registry.AwsAccount;
import dev.iotcorelocal.registry.SecurityRegistry;
import dev.iotcorelocal.registry.ThingRegistry;
import dev.iotcorelocal.registry.ThingRegistryView;
import dev.iotcorelocal.routing.RetainedStore;
import dev.iotcorelocal.rules.RuleStore;
import dev.iotcorelocal.rules.action.aws.AwsActions;
import dev.iotcorelocal.rules.action.http.HttpActions;
import dev.iotcorelocal.rules.RulesEngine;
import dev.iotcorelocal.rules.TopicRules;
import dev.iotcorelocal.routing.SubscriptionIndex;
import dev.iotcorelocal.routing.TrieSubscriptionIndex;
import dev.iotcorelocal.session.ExecutorExpiryScheduler;
import dev.iotcorelocal.session.ExpiryScheduler;
import dev.iotcorelocal.session.InMemorySessionStore;
import dev.iotcorelocal.session.OfflineQueueBudget;
import dev.iotcorelocal.session.SessionRegistry;
import dev.iotcorelocal.shadow.InMemoryShadowStore;
import dev.iotcorelocal.shadow.RouterShadowPublisher;
import dev.iotcorelocal.shadow.ShadowEngine;
import dev.iotcorelocal.shadow.ShadowService;
import dev.iotcorelocal.shadow.ShadowTap;
import dev.iotcorelocal.transport.MqttServer;
import dev.iotcorelocal.transport.TlsContexts;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;

/** Every {@code new} of the broker in one place: constructor wiring, no framework. */
final class BrokerAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAssembly.class);

    private BrokerAssembly() {
    }

    /** @param givenScheduler null to create (and own) a real-time one */
    static Broker start(BrokerConfig config, Clock clock, ExpiryScheduler givenScheduler) {
        if (LOG.isInfoEnabled()) { // writing the YAML is a measurable part of a start: not for --quiet
            LOG.info("Starting iotcore-local with this effective configuration:\n{}", ConfigReport.yaml(config, "    "));
        }
        Path certificates = Path.of(config.tls().certificatesDir()).toAbsolutePath().normalize();
        SslContext tls = prepareTls(certificates, config.tls().extraServerNames());
        AwsAccount account = AwsAccount.of(config.aws());
        ThingRegistry things = new ThingRegistry(account, clock);
        // before anything that owns threads: a bad seed file then leaves nothing running
        ThingRegistryView thingView = new ThingRegistryView(things);
        SecurityRegistry security = SecurityAssembly.start(config.aws(), certificates, clock, thingView, thingView);

        SubscriptionIndex index = new TrieSubscriptionIndex(config.mqtt().hashMatchesParent());
        ExecutorExpiryScheduler ownScheduler = givenScheduler == null ? new ExecutorExpiryScheduler() : null;
        ExpiryScheduler scheduler = givenScheduler == null ? ownScheduler : givenScheduler;
        AutoCloseable closeScheduler = ownScheduler == null ? () -> { } : ownScheduler;
        SessionRegistry registry = new SessionRegistry(new InMemorySessionStore(), index, scheduler,
                config.sessions().queueCapacity(), new OfflineQueueBudget(config.memory().offlineQueueMaxBytes()));
        PolicyAuthorizer authorizer = SecurityAssembly.authorizer(config, security, things, new CompiledPolicies());
        RetainedStore<Message> retained = new RetainedStore<>(config.memory().retainedMaxMessages(),
                config.memory().retainedMaxBytes(), message -> message.payload().length, clock::millis);
        Router router = new Router(index, registry, retained, clock);
        registry.sharedRedelivery(router::redeliverShared);
        ApplicationPublisher publisher = new ApplicationPublisher(router, config.limits(), clock);
        RuleStore ruleStore = RulesAssembly.store(config);
        // no SDK and no HTTP client is loaded or started until a rule first runs such an action
        AwsActions awsActions = new AwsActions();
        HttpActions httpActions = new HttpActions();
        TopicRules rules;
        try { // the rules file is read before any service thread starts: a bad rule leaves nothing running
            rules = RulesAssembly.rules(config, clock, ruleStore, publisher, awsActions, httpActions);
        } catch (RuntimeException e) {
            closeQuietly(closeScheduler);
            throw e;
        }
        ShadowService shadows = ShadowService.start(new ShadowEngine(new InMemoryShadowStore(), clock),
                new RouterShadowPublisher(router), config.limits().shadowRequestsPerSecond());
        RulesEngine rulesEngine = RulesAssembly.engine(config, clock, ruleStore);
        rules.onFirstRule(rulesEngine::publishOverJmx);
        // Rules first: a shadow update is answered as it is routed (on this thread), so the rules are handed
        // the request before its accepted, delta and documents messages.
        router.tap(CompositeTap.of(List.of(rulesEngine.tap(), new ShadowTap(shadows))));
        AutoCloseable closeServices = () -> {
            shadows.close();
            rulesEngine.close();
            awsActions.close();
            httpActions.close();
            closeScheduler.close();
        };
        ConnectRateLimiter connectRateLimiter = new ConnectRateLimiter(config.limits().connectsPerSecond(),
                config.limits().connectBurst());
        ConnectionEvents events = config.events().lifecycle() ? new LifecycleEvents(router::route, clock)
                : ConnectionEvents.NONE;
        ProtocolContext context = new ProtocolContext(config.mqtt(), config.sessions(), config.limits(), registry, router,
                index, authorizer, connectRateLimiter, clock, new ConnectRefusalLog(), events);

        // The HTTP API's resource families, one line each (see ApiModule).
        List<ApiModule> apiModules = List.of(
                new CertificatesApi(security.certificates(), account.accountId()),
                new CaCertificatesApi(security.caCertificates(), account.accountId()),
                new PoliciesApi(security.policies()),
                new PolicyAttachmentsApi(security.attachments()),
                new TestAuthorizationApi(authorizer.authorizationTester()),
                new ThingPrincipalsApi(security.attachments(), security::snapshot),
                new TagsApi(security.tags()),
                new EndpointApi(config.aws().endpointHost()),
                new DataPlaneApi(publisher, retained, registry,
                        config.limits(), authorizer),
                new ThingsApi(things, thing -> !security.snapshot().principalsOf(thing).isEmpty()),
                new ThingGroupsApi(things),
                new ShadowApi(shadows, authorizer),
                new RulesApi(rules)
        );

        MqttServer server = new MqttServer(context, config.transport(), config.limits().bytesPerSecond());
        ApiServer api = null;
        try {
            int mqttsPort = bind(server, config, config.listeners().mqttsPort(), tls);
            int mqttPort = config.listeners().mqttEnabled() ? bind(server, config, config.listeners().mqttPort(), null) : -1;
            int apiPort = -1;
            if (config.listeners().apiEnabled()) {
                api = new ApiServer(ApiModules.routes(apiModules), prepareApiTls(certificates),
                        ApiServer.DEFAULT_MAX_BODY_BYTES);
                apiPort = bindApi(api, config);
            }
            return new Broker(server, api, registry, closeServices, mqttsPort, mqttPort, apiPort, certificates);
        } catch (RuntimeException e) {
            server.close();
            if (api != null) {
                api.close();
            }
            if (ownScheduler != null) {
                ownScheduler.close();
            }
            shadows.close();
            rulesEngine.close();
            awsActions.close();
            httpActions.close();
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing after a failed start failed too", e);
        }
    }

    private static SslContext prepareTls(Path certificates, List<String> extraNames) {
        try {
            List<String> written = new DevPki(certificates).ensure(extraNames);
            if (!written.isEmpty()) {
                LOG.info("Generated dev PKI in {}: {}", certificates, String.join(", ", written));
            }
            return TlsContexts.mutualTlsServer(certificates);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new BrokerStartException("cannot set up TLS from " + certificates + ": " + e.getMessage(), e);
        }
    }

    private static SslContext prepareApiTls(Path certificates) {
        try {
            return TlsContexts.optionalClientAuthServer(certificates);
        } catch (IOException e) {
            throw new BrokerStartException("cannot set up the HTTP API's TLS from " + certificates + ": "
                    + e.getMessage(), e);
        }
    }

    private static int bindApi(ApiServer api, BrokerConfig config) {
        String address = config.listeners().bind() + ":" + config.listeners().apiPort();
        try {
            return api.bind(config.listeners().bind(), config.listeners().apiPort());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while binding the HTTP API on " + address, e);
        } catch (Exception e) {
            throw new BrokerStartException("cannot listen for the HTTP API on " + address + ": " + e.getMessage(), e);
        }
    }

    private static int bind(MqttServer server, BrokerConfig config, int port, SslContext tls) {
        String address = config.listeners().bind() + ":" + port;
        try {
            return server.bind(config.listeners(), port, tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while binding " + address, e);
        } catch (Exception e) {
            throw new BrokerStartException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
    }
}
