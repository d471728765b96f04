package dev.iotcorelocal.app;


import io.netty.channel.epoll.Epoll;
import io.netty.handler.ssl.OpenSsl;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import java.security.KeyFactory;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;

/**
 * Loads what a start needs later on a second core while the first reads the configuration: most
 * of a start is initialising classes and running code once. {@link #beforeOptions} touches
 * nothing that logs (the log level is not set yet, and slf4j-simple fixes a logger's level when
 * it is created): the JDK's TLS and key classes. {@link #afterLogLevel} loads
 * Netty's native TLS and epoll, which log as they load. The start never waits for either; a
 * class the start reaches first is simply loaded there.
 */
final class StartWarmUp {
    private StartWarmUp() {
    }

    static void beforeOptions() {
        start("iotcore-start-warm-up", StartWarmUp::crypto);
    }

    static void afterLogLevel() {
        start("iotcore-start-warm-up-netty", StartWarmUp::netty);
    }

    private static void start(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError ignored) {
                // only a head start: the start loads whatever is missing itself, and reports real failures
            }
        }, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY - 1);
        thread.start();
    }

    private static void crypto() {
        try {
            SSLContext.getInstance("TLSv1.3");
            KeyFactory.getInstance("RSA");
            KeyFactory.getInstance("EC");
            CertificateFactory.getInstance("X.509");
            Class.forName(Certificate.class.getName());
            Class.forName(X509CertificateHolder.class.getName());
            Class.forName(PEMParser.class.getName());
        } catch (ReflectiveOperationException | java.security.GeneralSecurityException ignored) {
            // as above
        }
    }

    private static void netty() {
        OpenSsl.isAvailable();
        Epoll.isAvailable();
    }
}
