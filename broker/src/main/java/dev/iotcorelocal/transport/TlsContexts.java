package dev.iotcorelocal.transport;

import dev.iotcorelocal.pki.DevPki;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Path;

/**
 * The server side of mutual TLS: TLS 1.2 and 1.3, a client certificate from the local CA required.
 * BoringSSL (netty-tcnative) where its native library loads, the JDK's TLS elsewhere: measured
 * here, BoringSSL takes 1.5x the mutual-TLS handshakes per second and a third of the heap per
 * idle TLS connection (README, Benchmarks).
 */
public final class TlsContexts {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContexts.class);
    private TlsContexts() {
    }

    /** The TLS implementation in use: BoringSSL when it loads on this platform, else the JDK's. */
    public static SslProvider provider() {
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * Runs at start, off the event loops: it reads the certificate files. With BoringSSL a client
     * certificate from another CA gets the TLS alert {@code unknown_ca} (see ClientCertificateTrust);
     * the JDK's TLS sends its own choice ({@code certificate_unknown}).
     */
    public static SslContext mutualTlsServer(Path certificatesDir) throws SSLException {
        return server(certificatesDir, ClientAuth.REQUIRE);
    }

    /** The HTTP API's TLS: the same certificates, a client certificate welcome but not required. */
    public static SslContext optionalClientAuthServer(Path certificatesDir) throws SSLException {
        return server(certificatesDir, ClientAuth.OPTIONAL);
    }

    private static SslContext server(Path certificatesDir, ClientAuth clientAuth) throws SSLException {
        SslProvider provider = provider();
        if (provider == SslProvider.JDK) {
            LOG.info("TLS by the JDK: BoringSSL did not load on this platform ({})",
                    OpenSsl.unavailabilityCause() == null ? "no cause given" : OpenSsl.unavailabilityCause().getMessage());
        }
        Path ca = certificatesDir.resolve(DevPki.CA_CERT);
        X509ExtendedTrustManager trust;
        try {
            trust = provider == SslProvider.OPENSSL ? ClientCertificateTrust.forOpenSsl(ca) : ClientCertificateTrust.pkix(ca);
        } catch (IOException | GeneralSecurityException e) {
            throw new SSLException("cannot load the CA certificate " + ca + ": " + e.getMessage(), e);
        }
        Path certificate = certificatesDir.resolve(DevPki.SERVER_CERT);
        Path keyFile = certificatesDir.resolve(DevPki.SERVER_KEY);
        ServerKeys keys = ServerKeys.read(certificate, keyFile);
        SslContextBuilder builder = keys == null
                ? SslContextBuilder.forServer(certificate.toFile(), keyFile.toFile()) // not the dev PKI's shape
                : SslContextBuilder.forServer(keys.key(), keys.chain());
        return builder
                // The key goes through an in-memory key store, never written: PKCS12 (the default)
                // protects it with 10,000 rounds of PBKDF2, which took 0.3-0.6 s of every start per
                // context here; JKS's protection is one cheap pass.
                .keyStoreType("JKS")
                .trustManager(trust)
                .clientAuth(clientAuth)
                .sslProvider(provider)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }
}
