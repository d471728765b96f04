package dev.iotcorelocal.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a broker process's memory and CPU time: RSS and CPU from /proc, and for a JVM the live
 * heap (jcmd GC.class_histogram). Returns -1 where it cannot tell.
 */
final class BrokerProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private final long pid;
    private final boolean jvm; // jcmd only for a JVM: on anything else it waits for an attach that never comes

    BrokerProbe(long pid) {
        this.pid = pid;
        this.jvm = pid > 0 && loadsLibjvm(pid);
    }

    private static boolean loadsLibjvm(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    long rssBytes() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * User plus system CPU time the process has used, in nanoseconds (10 ms resolution: Linux
     * reports it in USER_HZ ticks, 100 a second on every architecture the JDK runs on).
     */
    long cpuNanos() {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields from after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Bytes of reachable objects, after a System.gc() (jcmd GC.run: the JVM then also returns unused
     * heap to the OS, so an RSS read next is comparable between JVMs) and a class histogram, which
     * sums what survives in one command. (GC.heap_info after GC.run also counted whatever a busy
     * broker allocated in between: under a publish flood, 143 MB against 14 MB live.)
     */
    long liveHeapBytes() {
        if (!jvm || jcmd("GC.run") == null) {
            return -1;
        }
        String histogram = jcmd("GC.class_histogram");
        if (histogram == null) {
            return -1;
        }
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Heap in use now (no GC first): for watching growth under load. */
    long heapInUseBytes() {
        String info = jvm ? jcmd("GC.heap_info") : null;
        if (info == null) {
            return -1;
        }
        Matcher m = USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** Runs jcmd with its output in a file: a class histogram is larger than a pipe holds before jcmd blocks. */
    private String jcmd(String command) {
        Path output = null;
        try {
            output = Files.createTempFile("jcmd", ".txt");
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
