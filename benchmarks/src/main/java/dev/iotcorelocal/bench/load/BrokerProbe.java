package dev.iotcorelocal.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a broker process's memory: RSS from /proc, and for a JVM the live heap (jcmd
 * GC.class_histogram). Returns -1 where it cannot tell.
 */
final class BrokerProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private final long pid;

    BrokerProbe(long pid) {
        this.pid = pid;
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
     * Bytes of reachable objects: the class histogram runs a full GC and sums what survives, in one
     * command. (GC.run then GC.heap_info also counts whatever a busy broker allocates in between:
     * measured under a publish flood, 143 MB against 14 MB live.)
     */
    long liveHeapBytes() {
        String histogram = pid <= 0 ? null : jcmd("GC.class_histogram");
        if (histogram == null) {
            return -1;
        }
        Matcher m = TOTAL.matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Heap in use now (no GC first): for watching growth under load. */
    long heapInUseBytes() {
        String info = pid <= 0 ? null : jcmd("GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher m = USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private String jcmd(String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
