package dev.iotcorelocal.app;

import dev.iotcorelocal.config.AwsConfig;
import dev.iotcorelocal.pki.LocalCertificateAuthority;
import dev.iotcorelocal.registry.Arns;
import dev.iotcorelocal.registry.DevPkiRegistration;
import dev.iotcorelocal.registry.RegistrySeed;
import dev.iotcorelocal.registry.SecurityRegistry;
import dev.iotcorelocal.registry.ThingDirectory;
import dev.iotcorelocal.registry.ThingProvisioning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

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
}
