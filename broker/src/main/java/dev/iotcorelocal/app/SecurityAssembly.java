package dev.iotcorelocal.app;

import dev.iotcorelocal.auth.PolicyAuthorizer;
import dev.iotcorelocal.auth.PolicyEngine;
import dev.iotcorelocal.config.AwsConfig;
import dev.iotcorelocal.config.BrokerConfig;
import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.DevPkiRegistration;
import dev.iotcorelocal.registry.RegistrySeed;
import dev.iotcorelocal.registry.SecurityRegistry;
import dev.iotcorelocal.registry.ThingDirectory;
import dev.iotcorelocal.registry.ThingProvisioning;
import dev.iotcorelocal.registry.ThingRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;

/**
 * The security registry at start: the local CA, the dev PKI's certificates registered ACTIVE with
 * the allow-all policy, then the seed file. Runs before any listener opens, so file reads here
 * never meet an event loop.
 */
final class SecurityAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityAssembly.class);

    private SecurityAssembly() {
    }

    static SecurityRegistry start(AwsConfig aws, Path certificates, Clock clock, ThingDirectory things,
                                  ThingProvisioning provisioning) {
        LocalCertificateAuthority ca;
        try {
            ca = LocalCertificateAuthority.load(certificates);
        } catch (IOException | GeneralSecurityException e) {
            throw new BrokerStartException("cannot load the local CA from " + certificates + ": " + e.getMessage(), e);
        }
        SecurityRegistry registry = new SecurityRegistry(new Arns(aws.accountId(), aws.region()), clock, ca, things);
        try {
            int registered = DevPkiRegistration.register(registry, certificates, ca.certificate()).size();
            LOG.info("Registered {} dev PKI certificate(s) from {} ACTIVE with policy {}", registered, certificates,
                    DevPkiRegistration.DEV_POLICY);
        } catch (IOException e) {
            throw new BrokerStartException("cannot read the dev PKI folder " + certificates + ": " + e.getMessage(), e);
        }
        if (!aws.registrySeed().isEmpty()) {
            Path seed = Path.of(aws.registrySeed()).toAbsolutePath().normalize();
            try {
                int entries = RegistrySeed.apply(seed, registry, provisioning);
                LOG.info("Applied {} registry seed entries from {}", entries, seed);
            } catch (RegistrySeed.SeedException e) {
                throw new BrokerStartException(e.getMessage(), e);
            }
        }
        return registry;
    }

    /**
     * The policy authorizer over the loaded registry, watching it for changes. The plain
     * listener's policies must be registered by now (dev PKI, seed file): a typo stops the start
     * rather than silently allowing or refusing everything.
     */
    static PolicyAuthorizer authorizer(BrokerConfig config, SecurityRegistry security, ThingRegistry things,
                                       PolicyEngine engine) {
        List<String> plain = config.auth().plainListenerPolicies();
        for (String name : plain) {
            if (!security.snapshot().policies().containsKey(name)) {
                throw new BrokerStartException("auth.plain-listener-policies: no policy named '" + name
                        + "' is registered (registered: " + new TreeSet<>(security.snapshot().policies().keySet())
                        + "); create it in the registry seed file (aws.registry-seed)", null);
            }
        }
        engine.warm(security.snapshot());
        PolicyAuthorizer authorizer = new PolicyAuthorizer(security::snapshot, things::snapshot, security.arns(),
                engine, plain, config.aws().endpointHost());
        security.onChange(authorizer::registryChanged);
        things.onChange(authorizer::registryChanged);
        if (!plain.isEmpty()) {
            LOG.info("The plain listener is governed by the policies {}", plain);
        }
        return authorizer;
    }
}
