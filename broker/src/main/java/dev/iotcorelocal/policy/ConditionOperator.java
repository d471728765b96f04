package dev.iotcorelocal.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * IAM's condition operators (spec §2.1), without the {@code ForAllValues:}/{@code ForAnyValue:}
 * prefix and the {@code IfExists} suffix. Each knows how to read a policy value once
 * ({@link #prepare}) and whether one request value matches any prepared policy value; the
 * negated operators are the complement of their positive twin.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.LIKE, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    BOOL("Bool", Family.BOOL, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMBER, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMBER, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMBER, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMBER, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMBER, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMBER, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    NULL("Null", Family.BOOL, false);

    private enum Family { STRING, STRING_IGNORE_CASE, LIKE, ARN, BOOL, IP, NUMBER, DATE }

    private final String awsName;
    private final Family family;
    private final boolean negated;

    ConditionOperator(String awsName, Family family, boolean negated) {
        this.awsName = awsName;
        this.family = family;
        this.negated = negated;
    }

    String awsName() {
        return awsName;
    }

    boolean arn() {
        return family == Family.ARN;
    }

    /** Negated operators hold for an absent key (IAM). */
    boolean negated() {
        return negated;
    }

    static Optional<ConditionOperator> named(String name) {
        return Arrays.stream(values()).filter(o -> o.awsName.equals(name)).findFirst();
    }

    /** The operator whose name differs only in case, for the compile error's hint. */
    static Optional<ConditionOperator> namedIgnoringCase(String name) {
        return Arrays.stream(values()).filter(o -> o.awsName.equalsIgnoreCase(name)).findFirst();
    }

    /** A policy value read for comparison, or empty when it is not a value of this operator's type. */
    Optional<Object> prepare(String value, Template template, RequestContext context) {
        switch (family) {
            case STRING, STRING_IGNORE_CASE, BOOL:
                return Optional.of(value);
            case LIKE:
                return Optional.ofNullable(template.bindGlob(context, false));
            case ARN:
                return ArnPattern.parse(template, context).map(a -> a);
            case IP:
                return Cidr.parse(value).map(c -> c);
            case NUMBER:
                return number(value).map(n -> n);
            case DATE:
                return date(value).map(d -> d);
            default:
                throw new AssertionError(family);
        }
    }

    /** Whether one request value satisfies the operator against the prepared policy values. */
    boolean test(String requestValue, List<Object> prepared) {
        boolean any = false;
        for (Object policyValue : prepared) {
            if (positive(requestValue, policyValue)) {
                any = true;
                break;
            }
        }
        return negated != any;
    }

    private boolean positive(String request, Object policy) {
        return switch (this) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> request.equals(policy);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE, BOOL ->
                    request.equalsIgnoreCase((String) policy);
            case STRING_LIKE, STRING_NOT_LIKE -> ((Glob) policy).matches(request);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> ((ArnPattern) policy).matches(request);
            case IP_ADDRESS, NOT_IP_ADDRESS -> ((Cidr) policy).contains(request);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, NUMERIC_LESS_THAN, NUMERIC_LESS_THAN_EQUALS,
                 NUMERIC_GREATER_THAN, NUMERIC_GREATER_THAN_EQUALS ->
                    number(request).map(n -> compares(n.compareTo((BigDecimal) policy))).orElse(false);
            case DATE_EQUALS, DATE_NOT_EQUALS, DATE_LESS_THAN, DATE_LESS_THAN_EQUALS, DATE_GREATER_THAN,
                 DATE_GREATER_THAN_EQUALS -> date(request).map(d -> compares(d.compareTo((Instant) policy)))
                    .orElse(false);
            case NULL -> throw new AssertionError("Null is answered by the condition, not per value");
        };
    }

    private boolean compares(int order) {
        return switch (this) {
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS, DATE_EQUALS, DATE_NOT_EQUALS -> order == 0;
            case NUMERIC_LESS_THAN, DATE_LESS_THAN -> order < 0;
            case NUMERIC_LESS_THAN_EQUALS, DATE_LESS_THAN_EQUALS -> order <= 0;
            case NUMERIC_GREATER_THAN, DATE_GREATER_THAN -> order > 0;
            case NUMERIC_GREATER_THAN_EQUALS, DATE_GREATER_THAN_EQUALS -> order >= 0;
            default -> throw new AssertionError(this);
        };
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** ISO 8601 date-time or date (UTC), or epoch seconds, as IAM's Date operators read them. */
    private static Optional<Instant> date(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.length() <= 12 && trimmed.chars().allMatch(Character::isDigit)) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(trimmed)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
