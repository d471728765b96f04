package dev.iotcorelocal.transport;

import dev.iotcorelocal.auth.ClientIdentity;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Derives who a client is from its verified TLS client certificate. */
final class ClientIdentities {
    private ClientIdentities() {
    }

    static ClientIdentity of(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return ClientIdentity.ANONYMOUS;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
            return new ClientIdentity(leaf.getSubjectX500Principal().getName(), id, leaf);
        } catch (SSLPeerUnverifiedException | CertificateEncodingException | NoSuchAlgorithmException e) {
            return ClientIdentity.ANONYMOUS;
        }
    }
}
