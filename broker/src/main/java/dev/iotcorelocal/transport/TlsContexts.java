package dev.iotcorelocal.transport;

import dev.iotcorelocal.pki.DevPki;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.nio.file.Path;

/** The server side of mutual TLS: TLS 1.2 and 1.3, a client certificate from the local CA required. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SslContext mutualTlsServer(Path certificatesDir) throws SSLException {
        return SslContextBuilder
                .forServer(certificatesDir.resolve(DevPki.SERVER_CERT).toFile(),
                        certificatesDir.resolve(DevPki.SERVER_KEY).toFile())
                .trustManager(certificatesDir.resolve(DevPki.CA_CERT).toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
    }
}
