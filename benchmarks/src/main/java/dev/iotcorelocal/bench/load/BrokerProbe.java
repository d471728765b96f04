package dev.iotcorelocal.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a broker process's memory: RSS from /proc, and for a JVM the heap in use after a full
 * GC (jcmd GC.run, then GC.heap_info). Returns -1 where it cannot tell.
 */
final class BrokerProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
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

    long liveHeapBytes() {
        if (pid <= 0 || jcmd("GC.run") == null) {
            return -1;
        }
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher m = USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
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
