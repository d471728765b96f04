package dev.iotcorelocal.app;

import dev.iotcorelocal.config.ConfigException;

import java.util.Locale;
import java.util.Set;

/**
 * The command line's log level, applied to slf4j-simple (the runnable jar's binding) before the
 * first logger exists: it reads its settings from system properties once. Netty's own DEBUG
 * chatter (allocator and native-library probing) stays off below INFO, so debug shows the broker's
 * events. Settings given with {@code -D} win over these defaults.
 */
final class LogLevels {
    static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");
    static final String ENVIRONMENT = "IOTCORE_LOCAL_LOG_LEVEL";
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private LogLevels() {
    }

    /**
     * @param level the --log-level option, or null
     * @param quiet --quiet: warnings and errors only
     * @param environment the IOTCORE_LOCAL_LOG_LEVEL variable, or null
     */
    static void apply(String level, boolean quiet, String environment) {
        String chosen = quiet ? "warn" : level != null ? level : environment;
        if (chosen != null) {
            chosen = chosen.toLowerCase(Locale.ROOT);
            if (!LEVELS.contains(chosen)) {
                throw new ConfigException("the log level (--log-level or " + ENVIRONMENT
                        + ") must be error, warn, info, debug or trace, was '" + chosen + "'");
            }
            System.setProperty(PREFIX + "defaultLogLevel", chosen);
        } else {
            chosen = System.getProperty(PREFIX + "defaultLogLevel", "info");
            System.setProperty(PREFIX + "defaultLogLevel", chosen);
        }
        if (chosen.equals("debug") || chosen.equals("trace")) {
            setIfAbsent(PREFIX + "log.io.netty", "info");
        }
        // Mosquitto-like lines: time, level, short logger name, message.
        setIfAbsent(PREFIX + "showDateTime", "true");
        setIfAbsent(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
        setIfAbsent(PREFIX + "showThreadName", "false");
        setIfAbsent(PREFIX + "showShortLogName", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
