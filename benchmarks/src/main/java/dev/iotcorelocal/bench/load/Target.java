package dev.iotcorelocal.bench.load;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.io.File;
import java.net.InetSocketAddress;

/** The broker under test: address, protocol version, and TLS with the dev PKI when asked. */
record Target(String host, int port, int version, SslContext tls) {

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    static SslContext mutualTls(File certificates) throws SSLException {
        return SslContextBuilder.forClient()
                .trustManager(new File(certificates, "AmazonRootCA1.pem"))
                .keyManager(new File(certificates, "client-cert.pem"), new File(certificates, "private-key.pem"))
                .build();
    }
}
