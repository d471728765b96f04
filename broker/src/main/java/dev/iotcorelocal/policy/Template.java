package dev.iotcorelocal.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A Resource entry or Condition value as written, split once into policy text, escapes
 * ({@code ${*}} {@code ${?}} {@code ${$}}) and variables ({@code ${iot:ClientId}}). Binding
 * substitutes every variable in a single pass; substituted values are literal, never wildcards.
 * Under the 2008 policy language (no Version) nothing is a variable: {@code ${...}} is text.
 */
final class Template {
    private final String written;
    private final List<Part> parts;
    private final Glob constantGlob;
    private final List<String> unknownVariables;

    private record Part(String text, boolean wildcards, String variable) {
    }

    private Template(String written, List<Part> parts) {
        this.written = written;
        this.parts = parts;
        boolean constant = parts.stream().allMatch(p -> p.variable == null);
        this.constantGlob = constant ? glob(parts, null, false) : null;
        this.unknownVariables = parts.stream().filter(p -> p.variable != null && p.text == null)
                .map(Part::variable).toList();
    }

    static Template parse(String written, boolean variables) {
        List<Part> parts = new ArrayList<>();
        if (!variables) {
            parts.add(new Part(written, true, null));
            return new Template(written, parts);
        }
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < written.length()) {
            int open = written.indexOf("${", i);
            int close = open < 0 ? -1 : written.indexOf('}', open + 2);
            if (close < 0) {
                text.append(written, i, written.length());
                break;
            }
            text.append(written, i, open);
            String name = written.substring(open + 2, close);
            if (name.equals("*") || name.equals("?") || name.equals("$")) {
                flush(text, parts);
                parts.add(new Part(name, false, null));
            } else {
                flush(text, parts);
                // text carries the canonical name; null marks a name AWS IoT does not define
                parts.add(new Part(PolicyVariables.canonical(name), false, name));
            }
            i = close + 1;
        }
        flush(text, parts);
        return new Template(written, parts);
    }

    private static void flush(StringBuilder text, List<Part> parts) {
        if (!text.isEmpty()) {
            parts.add(new Part(text.toString(), true, null));
            text.setLength(0);
        }
    }

    String written() {
        return written;
    }

    boolean hasVariables() {
        return constantGlob == null;
    }

    /** Variables in the text that AWS IoT does not define (as written): they never resolve. */
    List<String> unknownVariables() {
        return unknownVariables;
    }

    /** The pattern with the context's values in place, or null when some variable has no value. */
    Glob bindGlob(RequestContext context, boolean ignoreCase) {
        if (constantGlob != null && !ignoreCase) {
            return constantGlob;
        }
        return glob(parts, context, ignoreCase);
    }

    /** The plain text with values in place (escapes become their character), null if unresolved. */
    String bindText(RequestContext context) {
        StringBuilder out = new StringBuilder(written.length());
        for (Part part : parts) {
            if (part.variable == null) {
                out.append(part.text);
            } else {
                String value = part.text == null ? null : context.value(part.text);
                if (value == null) {
                    return null;
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /** Names (as written) of this template's variables that the context cannot resolve. */
    List<String> unresolved(RequestContext context) {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part.variable != null && (part.text == null || context.value(part.text) == null)) {
                names.add(part.variable);
            }
        }
        return names;
    }

    private static Glob glob(List<Part> parts, RequestContext context, boolean ignoreCase) {
        Glob.Builder builder = new Glob.Builder(32);
        for (Part part : parts) {
            if (part.variable == null) {
                if (part.wildcards) {
                    builder.appendPattern(part.text);
                } else {
                    builder.appendLiteral(part.text);
                }
            } else {
                String value = part.text == null || context == null ? null : context.value(part.text);
                if (value == null) {
                    return null;
                }
                builder.appendLiteral(value);
            }
        }
        return builder.build(ignoreCase);
    }
}
