package dev.iotcorelocal.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The broker's command line in its own JVM, as a user runs it: its log (stderr) and banner
 * (stdout) as lines. A separate JVM because slf4j-simple reads its levels once per JVM.
 */
final class BrokerProcess implements AutoCloseable {
    private static final Pattern PLAIN = Pattern.compile("Plain MQTT: +\\S+:(\\d+)");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Thread> readers = new ArrayList<>();

    private BrokerProcess(Process process) {
        this.process = process;
        readers.add(collect(process.getInputStream(), out));
        readers.add(collect(process.getErrorStream(), log));
    }

    static BrokerProcess start(Path certificates, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--mqtts-port", "0", "--mqtt-port", "0", "--certificates", certificates.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove(LogLevels.ENVIRONMENT);
        return new BrokerProcess(builder.start());
    }

    /** Waits for the banner and returns the plain MQTT port it names. */
    int plainPort() {
        await().atMost(Duration.ofSeconds(30)).until(() -> out.stream().anyMatch(line -> PLAIN.matcher(line).find()));
        for (String line : out) {
            Matcher matcher = PLAIN.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("no plain MQTT port in " + out);
    }

    /** Waits until a log line contains every part, in order, and returns it. */
    String awaitLine(String... parts) {
        Pattern pattern = Pattern.compile(String.join(".*", List.of(parts).stream().map(Pattern::quote).toList()));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(line -> pattern.matcher(line).find()));
        return log.stream().filter(line -> pattern.matcher(line).find()).findFirst().orElseThrow();
    }

    /**
     * Stops the broker as Ctrl+C does and returns its whole log: once the process has exited and
     * its streams are drained, a line that is absent was never written.
     */
    List<String> stop() throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close the streams still being read.
        process.toHandle().destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the broker did not stop within 20 s of SIGTERM");
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        }
        return List.copyOf(log);
    }

    List<String> banner() {
        return List.copyOf(out);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread collect(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
        }, "broker-process-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
