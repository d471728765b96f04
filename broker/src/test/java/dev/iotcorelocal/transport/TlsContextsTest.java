package dev.iotcorelocal.transport;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged BoringSSL natives load where we ship them, so TLS does not fall back to the slower JDK engine unnoticed. */
class TlsContextsTest {
    @Test
    void boringSslServesTlsOnLinux() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")), "natives shipped for this platform");

        assertThat(TlsContexts.provider())
                .as("BoringSSL unavailable: %s", OpenSsl.unavailabilityCause())
                .isEqualTo(SslProvider.OPENSSL);
    }
}
