package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * {@code parse_time(pattern, ms[, zone])} and {@code time_to_epoch(text, pattern)} (2016-03-23).
 * AWS documents Joda-Time patterns for parse_time and java.time patterns for time_to_epoch; the
 * emulator uses java.time for both (PROPOSED: the common letters, y M d H m s S G z Z a E, agree).
 */
final class TimeFunctions {
    private TimeFunctions() { }

    static void register(FunctionRegistry registry) {
        registry.add(new FunctionSpec("parse_time", 2, 3, true, (args, c) -> Calls.callN(args, a -> {
            String pattern = Args.text(a[0], c.wholeAsInt());
            Long millis = a[1].isNumber() || a[1].isTextual() ? Args.longFloor(a[1]) : null;
            String zone = a.length > 2 ? Args.text(a[2], c.wholeAsInt()) : "UTC";
            if (pattern == null || millis == null || zone == null) {
                return Values.UNDEFINED;
            }
            try {
                DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
                return Values.text(formatter.format(Instant.ofEpochMilli(millis).atZone(ZoneId.of(zone))));
            } catch (IllegalArgumentException | DateTimeException badPatternOrZone) {
                return Values.UNDEFINED;
            }
        })));
        registry.add(new FunctionSpec("time_to_epoch", 2, 2, true, (args, c) -> Calls.call2(args, (a, b) -> {
            String text = Args.text(a, c.wholeAsInt());
            String pattern = Args.text(b, c.wholeAsInt());
            if (text == null || pattern == null) {
                return Values.UNDEFINED;
            }
            try {
                return epochMillis(DateTimeFormatter.ofPattern(pattern, Locale.ROOT).parse(text));
            } catch (IllegalArgumentException | DateTimeException badPatternOrText) {
                return Values.UNDEFINED;
            }
        })));
    }

    /** What was parsed, in UTC when it names no zone; a date alone is its midnight. */
    private static JsonNode epochMillis(TemporalAccessor parsed) {
        ZoneId zone = parsed.query(java.time.temporal.TemporalQueries.zone());
        if (zone == null) {
            zone = ZoneOffset.UTC;
        }
        LocalDate date = LocalDate.from(parsed);
        LocalDateTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                ? LocalDateTime.of(date, java.time.LocalTime.from(parsed)) : date.atStartOfDay();
        return LongNode.valueOf(ZonedDateTime.of(time, zone).toInstant().toEpochMilli());
    }
}
