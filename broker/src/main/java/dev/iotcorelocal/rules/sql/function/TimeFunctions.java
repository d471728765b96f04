package dev.iotcorelocal.rules.sql.function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import dev.iotcorelocal.rules.sql.SqlParseException;
import dev.iotcorelocal.rules.sql.eval.Expr;
import dev.iotcorelocal.rules.sql.eval.Values;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/**
 * {@code parse_time(pattern, ms[, zone])} and {@code time_to_epoch(text, pattern)} (2016-03-23).
 * AWS documents Joda-Time patterns for parse_time and java.time patterns for time_to_epoch; the
 * emulator uses java.time for both (PROPOSED: the common letters, y M d H m s S G z Z a E, agree).
 * A literal pattern is compiled once with the rule, and a bad one refuses the rule.
 */
final class TimeFunctions {
    private TimeFunctions() { }

    static void register(FunctionRegistry registry) {
        registry.add(new FunctionSpec("parse_time", 2, 3, true, TimeFunctions::parseTime));
        registry.add(new FunctionSpec("time_to_epoch", 2, 2, true, TimeFunctions::timeToEpoch));
    }

    private static Expr parseTime(List<Expr> args, FunctionContext context) throws SqlParseException {
        boolean whole = context.wholeAsInt();
        DateTimeFormatter fixed = literalFormatter(args.get(0), context);
        Expr pattern = args.get(0);
        Expr millis = args.get(1);
        Expr zone = args.size() > 2 ? args.get(2) : null;
        return (input, row) -> {
            DateTimeFormatter formatter = fixed != null ? fixed : formatter(Args.text(pattern.eval(input, row), whole));
            JsonNode ms = millis.eval(input, row);
            Long epochMillis = ms.isNumber() || ms.isTextual() ? Args.longFloor(ms) : null;
            String zoneName = zone == null ? "UTC" : Args.text(zone.eval(input, row), whole);
            if (formatter == null || epochMillis == null || zoneName == null) {
                return Values.UNDEFINED;
            }
            try {
                return Values.text(formatter.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.of(zoneName))));
            } catch (DateTimeException badZoneOrField) {
                return Values.UNDEFINED;
            }
        };
    }

    private static Expr timeToEpoch(List<Expr> args, FunctionContext context) throws SqlParseException {
        boolean whole = context.wholeAsInt();
        DateTimeFormatter fixed = literalFormatter(args.get(1), context);
        Expr text = args.get(0);
        Expr pattern = args.get(1);
        return (input, row) -> {
            String value = Args.text(text.eval(input, row), whole);
            DateTimeFormatter formatter = fixed != null ? fixed : formatter(Args.text(pattern.eval(input, row), whole));
            if (value == null || formatter == null) {
                return Values.UNDEFINED;
            }
            try {
                return epochMillis(formatter.parse(value));
            } catch (DateTimeException badText) {
                return Values.UNDEFINED;
            }
        };
    }

    private static DateTimeFormatter literalFormatter(Expr pattern, FunctionContext context) throws SqlParseException {
        JsonNode literal = pattern.constant();
        if (literal == null || !literal.isTextual()) {
            return null;
        }
        DateTimeFormatter formatter = formatter(literal.textValue());
        if (formatter == null) {
            throw context.error("invalid date/time pattern '" + literal.textValue() + "'");
        }
        return formatter;
    }

    private static DateTimeFormatter formatter(String pattern) {
        if (pattern == null) {
            return null;
        }
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.US);
        } catch (IllegalArgumentException badPattern) {
            return null;
        }
    }

    /** What was parsed, in UTC when it names no zone; a date alone is its midnight. */
    private static JsonNode epochMillis(TemporalAccessor parsed) {
        ZoneId zone = parsed.query(TemporalQueries.zone());
        if (zone == null) {
            zone = ZoneOffset.UTC;
        }
        LocalDate date = LocalDate.from(parsed);
        LocalDateTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                ? LocalDateTime.of(date, LocalTime.from(parsed)) : date.atStartOfDay();
        return LongNode.valueOf(ZonedDateTime.of(time, zone).toInstant().toEpochMilli());
    }
}
