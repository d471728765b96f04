package dev.iotcorelocal.protocol;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Catches the broker's "unexpected error" log line. An exception thrown inside the connection
 * handler never reaches the test: the handler's own exceptionCaught logs it and closes the
 * connection, which is correct behaviour for a server and invisible to the client. The log is
 * the one observable trace, so the fuzzer watches standard error (where slf4j-simple writes,
 * looking the stream up on every line) for it.
 */
final class UnexpectedErrorWatch {
    private static final String MARK = "after an unexpected error";
    private static final StringBuilder LINE = new StringBuilder();
    private static volatile String seen;

    static {
        PrintStream original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                record((char) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                String text = new String(b, off, len, StandardCharsets.UTF_8);
                for (int i = 0; i < text.length(); i++) {
                    record(text.charAt(i));
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    private UnexpectedErrorWatch() {
    }

    private static synchronized void record(char c) {
        if (c == '\n') {
            if (seen == null && LINE.indexOf(MARK) >= 0) {
                seen = LINE.toString();
            }
            LINE.setLength(0);
        } else if (LINE.length() < 4096) {
            LINE.append(c);
        }
    }

    /** Installs the watch (class initialisation) before the first input. */
    static void install() {
    }

    static void assertNoneLogged() {
        String line = seen;
        if (line != null) {
            seen = null;
            throw new AssertionError("the broker logged an unexpected error: " + line);
        }
    }
}
