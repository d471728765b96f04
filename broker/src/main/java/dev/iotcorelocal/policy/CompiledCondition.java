package dev.iotcorelocal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One key of one Condition operator, e.g. {@code "ForAnyValue:StringLike": {"iot:ConnectAttributes": [...]}}.
 * Evaluated with IAM's rules for absent keys: positive operators fail and negated ones hold;
 * {@code ...IfExists} holds; {@code ForAllValues} over an absent or empty set holds and
 * {@code ForAnyValue} fails. A policy value with an unresolved variable matches nothing.
 */
final class CompiledCondition {
    enum SetQualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    /** A parsed operator name: {@code ForAnyValue:StringLikeIfExists} is (STRING_LIKE, FOR_ANY_VALUE, true). */
    record Operator(ConditionOperator base, SetQualifier qualifier, boolean ifExists) {
    }

    private final String operatorWritten;
    private final ConditionOperator operator;
    private final SetQualifier qualifier;
    private final boolean ifExists;
    private final String keyWritten;
    private final String key;
    private final List<Template> values;

    CompiledCondition(String operatorWritten, Operator parsed, String keyWritten, List<Template> values) {
        this.operatorWritten = operatorWritten;
        this.operator = parsed.base();
        this.qualifier = parsed.qualifier();
        this.ifExists = parsed.ifExists();
        this.keyWritten = keyWritten;
        this.key = PolicyVariables.canonical(keyWritten);
        this.values = List.copyOf(values);
    }

    /** Reads {@code [ForAllValues:|ForAnyValue:]Operator[IfExists]}; empty if it is no operator IAM defines. */
    static Optional<Operator> parseOperator(String written) {
        SetQualifier qualifier = SetQualifier.NONE;
        String rest = written;
        if (rest.startsWith("ForAllValues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        } else if (rest.startsWith("ForAnyValue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        }
        boolean ifExists = rest.endsWith("IfExists") && !rest.equals("IfExists");
        String base = ifExists ? rest.substring(0, rest.length() - "IfExists".length()) : rest;
        Optional<ConditionOperator> operator = ConditionOperator.named(base);
        if (operator.isEmpty()
                || operator.get() == ConditionOperator.NULL && (ifExists || qualifier != SetQualifier.NONE)) {
            return Optional.empty();
        }
        return Optional.of(new Operator(operator.get(), qualifier, ifExists));
    }

    /** Whether the condition holds for this caller; conditions read only the context, so once per bind. */
    boolean holds(RequestContext context) {
        if (operator == ConditionOperator.NULL) {
            boolean absent = key == null || context.value(key) == null && context.values(key) == null;
            for (Template value : values) {
                String text = value.bindText(context);
                if (text != null && Boolean.parseBoolean(text) == absent
                        && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
                    return true;
                }
            }
            return false;
        }
        List<Object> prepared = new ArrayList<>(values.size());
        for (Template value : values) {
            String text = value.bindText(context);
            if (text != null) {
                operator.prepare(text, value, context).ifPresent(prepared::add);
            }
        }
        if (qualifier == SetQualifier.NONE) {
            String single = single(context);
            if (single == null) {
                return ifExists || operator.negated();
            }
            return operator.test(single, prepared);
        }
        List<String> set = set(context);
        if (set == null || set.isEmpty()) {
            return qualifier == SetQualifier.FOR_ALL_VALUES || set == null && ifExists;
        }
        for (String member : set) {
            boolean satisfied = operator.test(member, prepared);
            if (qualifier == SetQualifier.FOR_ANY_VALUE && satisfied) {
                return true;
            }
            if (qualifier == SetQualifier.FOR_ALL_VALUES && !satisfied) {
                return false;
            }
        }
        return qualifier == SetQualifier.FOR_ALL_VALUES;
    }

    /**
     * Names (as written) this condition needed and the caller could not give: its key when absent
     * (unless the operator expects absence: Null, ...IfExists) and unresolved variables in its values.
     */
    List<String> missingValues(RequestContext context) {
        List<String> missing = new ArrayList<>();
        boolean absent = key == null || context.value(key) == null && context.values(key) == null;
        if (absent && operator != ConditionOperator.NULL && !ifExists) {
            missing.add(keyWritten);
        }
        for (Template value : values) {
            missing.addAll(value.unresolved(context));
        }
        return missing;
    }

    /** A single-valued read; a multi-valued key with exactly one value reads as that value. */
    private String single(RequestContext context) {
        if (key == null) {
            return null;
        }
        String value = context.value(key);
        if (value != null) {
            return value;
        }
        List<String> list = context.values(key);
        return list != null && list.size() == 1 ? list.get(0) : null;
    }

    /** A set read; a single-valued key reads as a set of one. */
    private List<String> set(RequestContext context) {
        if (key == null) {
            return null;
        }
        List<String> list = context.values(key);
        if (list != null) {
            return list;
        }
        String value = context.value(key);
        return value == null ? null : List.of(value);
    }

    /** For explanations: {@code StringEquals iot:Connection.Thing.ThingTypeName (request: 'x'; policy: 'y')}. */
    String describe(RequestContext context) {
        StringBuilder text = new StringBuilder(operatorWritten).append(' ').append(keyWritten);
        if (key == null) {
            String suggestion = PolicyVariables.suggestion(keyWritten);
            text.append(" (").append(keyWritten).append(" is not an AWS IoT condition key")
                    .append(suggestion == null ? "" : "; did you mean " + suggestion + "?").append(')');
            return text.toString();
        }
        String request = qualifier == SetQualifier.NONE || operator == ConditionOperator.NULL
                ? quoted(single(context)) : listed(set(context));
        List<String> policy = new ArrayList<>();
        for (Template value : values) {
            String bound = value.bindText(context);
            policy.add(bound == null ? value.written() + " (unresolved)" : "'" + bound + "'");
        }
        return text.append(" (request: ").append(request).append("; policy: ").append(String.join(", ", policy))
                .append(')').toString();
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "'" + value + "'";
    }

    private static String listed(List<String> values) {
        if (values == null) {
            return "absent";
        }
        return values.stream().map(v -> "'" + v + "'").toList().toString();
    }
}
