package dev.iotcorelocal.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict RFC 3986 percent-decoding of one path segment: {@code +} stays a plus (it means a space
 * only in forms), and a bad escape or invalid UTF-8 is the client's error, never a guess.
 * The JDK's and Netty's decoders both turn {@code +} into a space, which is wrong for paths.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != '%') {
                out.put(b);
                continue;
            }
            int high = i + 1 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw AwsException.invalidRequest("Invalid percent-encoding in the request path: " + raw);
            }
            out.put((byte) (high << 4 | low));
            i += 2;
        }
        out.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(out);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw AwsException.invalidRequest("The request path is not percent-encoded UTF-8: " + raw);
        }
    }
}
