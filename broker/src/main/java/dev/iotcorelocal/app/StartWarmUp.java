package dev.iotcorelocal.app;

import io.netty.channel.epoll.Epoll;
import io.netty.handler.ssl.OpenSsl;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;

/**
 * Loads what a start needs later (Netty's native TLS and epoll, the JDK's TLS and key classes,
 * BouncyCastle's certificate classes) on a second core while the first parses the options and
 * the configuration: most of a start is loading and initialising classes, one at a time. The
 * start itself does not wait for it; a class the start reaches first is simply loaded there.
 */
final class StartWarmUp {
    private StartWarmUp() {
    }

    static void begin() {
        Thread thread = new Thread(StartWarmUp::load, "iotcore-start-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void load() {
        try {
            OpenSsl.isAvailable();
            Epoll.isAvailable();
            SSLContext.getInstance("TLSv1.3");
            KeyFactory.getInstance("RSA");
            KeyFactory.getInstance("EC");
            CertificateFactory.getInstance("X.509");
            Class.forName(Certificate.class.getName());
            Class.forName(X509CertificateHolder.class.getName());
        } catch (ReflectiveOperationException | java.security.GeneralSecurityException | LinkageError ignored) {
            // only a head start: the start loads whatever is missing itself, and reports real failures
        }
    }
}
