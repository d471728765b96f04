package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;
import dev.iotcorelocal.junit.IotCoreLocal;
import dev.iotcorelocal.pki.DevPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mutual TLS as AWS IoT Core requires it on 8883. */
@IotCoreLocal
class TlsIT {
    private final IotCoreEndpoints broker;

    TlsIT(IotCoreEndpoints broker) {
        this.broker = broker;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void acceptsTls12And13WithTheDevClientCertificateAndLocalhostHostnameChecks(String protocol) throws Exception {
        SSLSocket socket = (SSLSocket) Pem.sslContext(broker.caCertificate(), broker.clientCertificate(),
                        broker.clientKey(), "TLS")
                .getSocketFactory().createSocket("localhost", broker.mqttsPort());
        socket.setEnabledProtocols(new String[]{protocol});
        javax.net.ssl.SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // verify the host name like Paho and the AWS SDKs
        socket.setSSLParameters(params);
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        socket.close();
    }

    @Test
    void refusesAClientWithoutACertificate() throws Exception {
        SSLSocket socket = (SSLSocket) Pem.sslContext(broker.caCertificate(), null, null, "TLS")
                .getSocketFactory().createSocket("localhost", broker.mqttsPort());
        assertThatThrownBy(() -> {
            socket.startHandshake();
            // TLS 1.3 reports the missing certificate on the first read after the handshake
            socket.getOutputStream().write(RawMqttClient.connect(5, "no-cert", 60, 2, ""));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            throw new SSLException("closed without a CONNACK");
        }).isInstanceOf(IOException.class);
        socket.close();
    }

    /**
     * Clients report the alert they got: internal_error reads as a server fault, unknown_ca says
     * what is wrong. TLS 1.3 only: under TLS 1.2 the JDK client is still writing its last flight
     * when the alert and the close arrive, and reports the broken pipe instead of the alert.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3"})
    void aCertificateFromAnotherCaGetsTheAlertUnknownCa(String protocol, @TempDir Path otherPki) throws Exception {
        new DevPki(otherPki).ensure(List.of());
        SSLSocket socket = (SSLSocket) Pem.sslContext(broker.caCertificate(), otherPki.resolve(DevPki.CLIENT_CERT),
                otherPki.resolve(DevPki.CLIENT_KEY), "TLS").getSocketFactory().createSocket("localhost", broker.mqttsPort());
        socket.setEnabledProtocols(new String[]{protocol});
        socket.setSoTimeout(5_000);
        assertThatThrownBy(() -> {
            socket.startHandshake();
            // TLS 1.3: the server judges the client certificate after the client's Finished, so
            // the alert arrives on the first read (a write could meet the reset first)
            socket.getInputStream().read();
        }).isInstanceOf(SSLException.class).hasMessageContaining("unknown_ca");
        socket.close();
    }

    @Test
    void refusesACertificateFromAnotherCa(@TempDir Path otherPki) throws Exception {
        new DevPki(otherPki).ensure(List.of());
        SSLSocket socket = (SSLSocket) Pem.sslContext(broker.caCertificate(), otherPki.resolve(DevPki.CLIENT_CERT),
                otherPki.resolve(DevPki.CLIENT_KEY), "TLS").getSocketFactory().createSocket("localhost", broker.mqttsPort());
        assertThatThrownBy(() -> {
            socket.startHandshake();
            socket.getOutputStream().write(RawMqttClient.connect(5, "stranger", 60, 2, ""));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            throw new SSLException("closed without a CONNACK");
        }).isInstanceOf(IOException.class);
        socket.close();
    }
}
