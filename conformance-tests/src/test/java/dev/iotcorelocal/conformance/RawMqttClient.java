package dev.iotcorelocal.conformance;

import dev.iotcorelocal.junit.IotCoreEndpoints;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A byte-level MQTT client for what real clients refuse to send (aliases above the maximum,
 * QoS 2, malformed packets) and for asserting the exact bytes the broker answers with.
 * Reads block for at most the socket timeout.
 */
final class RawMqttClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Over mutual TLS with the dev PKI, like every AWS client. */
    static RawMqttClient tls(IotCoreEndpoints broker) throws Exception {
        SSLSocket socket = (SSLSocket) Pem.sslContext(broker.caCertificate(), broker.clientCertificate(),
                broker.clientKey(), "TLS").getSocketFactory().createSocket(broker.host(), broker.mqttsPort());
        socket.startHandshake();
        return new RawMqttClient(socket);
    }

    /** Over the plain listener. */
    static RawMqttClient plain(IotCoreEndpoints broker) throws IOException {
        return new RawMqttClient(new Socket(broker.host(), broker.mqttPort()));
    }

    RawMqttClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawMqttClient send(String hex) throws IOException {
        return send(hex(hex));
    }

    /** Reads one whole packet (fixed header included). */
    byte[] read() throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        int first = in.readUnsignedByte();
        packet.write(first);
        int remaining = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            packet.write(b);
            remaining |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        byte[] body = new byte[remaining];
        in.readFully(body);
        packet.write(body);
        return packet.toByteArray();
    }

    /** Reads packets until one of the given type (high nibble) arrives. */
    byte[] readUntil(int type) throws IOException {
        while (true) {
            byte[] packet = read();
            if ((packet[0] & 0xF0) >> 4 == type) {
                return packet;
            }
        }
    }

    /** True when nothing arrives for {@code millis} (the connection may stay open). */
    boolean nothingArrivesWithin(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    /** True when the broker closed the connection (EOF) within the socket timeout. */
    boolean closedByBroker() throws IOException {
        try {
            while (true) {
                read();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    RawMqttClient connectV5(String clientId, int keepAlive) throws IOException {
        return send(connect(5, clientId, keepAlive, 0x02, ""));
    }

    /** A CONNECT; {@code propertiesHex} is the properties section without its length (MQTT 5 only). */
    static byte[] connect(int level, String clientId, int keepAlive, int flags, String propertiesHex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(level);
        body.write(flags);
        body.write(keepAlive >> 8);
        body.write(keepAlive & 0xFF);
        if (level == 5) {
            byte[] props = hex(propertiesHex);
            writeVbi(body, props.length);
            body.writeBytes(props);
        }
        writeString(body, clientId);
        return packet(0x10, body.toByteArray());
    }

    static byte[] publish(int qos, String topic, int packetId, String propertiesHex, String payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, topic);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId & 0xFF);
        }
        if (propertiesHex != null) {
            byte[] props = hex(propertiesHex);
            writeVbi(body, props.length);
            body.writeBytes(props);
        }
        body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
        return packet(0x30 | (qos << 1), body.toByteArray());
    }

    /** SUBSCRIBE with one filter; MQTT 5 form (empty properties) unless {@code v311}. */
    static byte[] subscribe(boolean v311, int packetId, String filter, int options) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        if (!v311) {
            body.write(0);
        }
        writeString(body, filter);
        body.write(options);
        return packet(0x82, body.toByteArray());
    }

    static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(firstByte);
        writeVbi(packet, body.length);
        packet.writeBytes(body);
        return packet.toByteArray();
    }

    static void writeVbi(ByteArrayOutputStream out, int value) {
        do {
            int digit = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
    }

    static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
