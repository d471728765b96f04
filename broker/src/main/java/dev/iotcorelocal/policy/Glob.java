package dev.iotcorelocal.policy;

/**
 * A compiled policy pattern, anchored at both ends: {@code *} any run of characters (including
 * {@code /} and none), {@code ?} exactly one, everything else itself. Which characters are
 * wildcards is decided when the pattern is built, so a substituted value or an escape such as
 * {@code ${*}} stays literal. Matching allocates nothing.
 */
final class Glob {
    static final byte LITERAL = 0;
    static final byte ANY_RUN = 1;
    static final byte ANY_ONE = 2;

    private final char[] chars;
    private final byte[] kinds;
    private final boolean ignoreCase;
    private final boolean plain;
    private final String text;
    /** The literal runs between '*'s when the pattern has no '?' and is case-sensitive: matched with indexOf. */
    private final String[] segments;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    private Glob(char[] chars, byte[] kinds, boolean ignoreCase) {
        this.chars = chars;
        this.kinds = kinds;
        this.ignoreCase = ignoreCase;
        boolean hasWildcard = false;
        StringBuilder shown = new StringBuilder(chars.length);
        for (int i = 0; i < chars.length; i++) {
            hasWildcard |= kinds[i] != LITERAL;
            shown.append(chars[i]);
        }
        this.plain = !hasWildcard;
        this.text = shown.toString();
        this.segments = ignoreCase || hasAnyOne(kinds) ? null : segments(chars, kinds);
        this.anchoredStart = chars.length > 0 && kinds[0] != ANY_RUN;
        this.anchoredEnd = chars.length > 0 && kinds[chars.length - 1] != ANY_RUN;
    }

    private static boolean hasAnyOne(byte[] kinds) {
        for (byte kind : kinds) {
            if (kind == ANY_ONE) {
                return true;
            }
        }
        return false;
    }

    private static String[] segments(char[] chars, byte[] kinds) {
        java.util.List<String> runs = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= chars.length; i++) {
            if (i == chars.length || kinds[i] == ANY_RUN) {
                if (i > start) {
                    runs.add(new String(chars, start, i - start));
                }
                start = i + 1;
            }
        }
        return runs.toArray(String[]::new);
    }

    /** Policy text as written: every {@code *} and {@code ?} is a wildcard. */
    static Glob of(String pattern, boolean ignoreCase) {
        Builder builder = new Builder(pattern.length());
        builder.appendPattern(pattern);
        return builder.build(ignoreCase);
    }

    /** A pattern without wildcards: {@code *} and {@code ?} are matched as themselves. */
    static Glob literal(String text, boolean ignoreCase) {
        Builder builder = new Builder(text.length());
        builder.appendLiteral(text);
        return builder.build(ignoreCase);
    }

    boolean matches(String candidate) {
        int length = candidate.length();
        if (plain) {
            return ignoreCase ? text.equalsIgnoreCase(candidate) : text.equals(candidate);
        }
        if (segments != null) {
            return matchesSegments(candidate);
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = 0;
        int m = chars.length;
        while (s < length) {
            if (p < m && kinds[p] != ANY_RUN && (kinds[p] == ANY_ONE || same(chars[p], candidate.charAt(s)))) {
                p++;
                s++;
            } else if (p < m && kinds[p] == ANY_RUN) {
                starP = p++;
                starS = s;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < m && kinds[p] == ANY_RUN) {
            p++;
        }
        return p == m;
    }

    /**
     * '*'-only patterns: the first run must start the candidate and the last end it (unless the
     * pattern starts or ends with '*'); the runs between are found leftmost-first, which is
     * optimal for '*'. startsWith and indexOf are the JDK's vectorised intrinsics.
     */
    private boolean matchesSegments(String candidate) {
        int low = 0;
        int high = candidate.length();
        int first = 0;
        int last = segments.length - 1;
        if (anchoredStart) {
            String head = segments[first++];
            if (!candidate.startsWith(head)) {
                return false;
            }
            low = head.length();
        }
        if (anchoredEnd) {
            String tail = segments[last--];
            if (high - low < tail.length() || !candidate.startsWith(tail, high - tail.length())) {
                return false;
            }
            high -= tail.length();
        }
        for (int i = first; i <= last; i++) {
            int at = candidate.indexOf(segments[i], low);
            if (at < 0 || at + segments[i].length() > high) {
                return false;
            }
            low = at + segments[i].length();
        }
        return true;
    }

    private boolean same(char pattern, char candidate) {
        return pattern == candidate
                || ignoreCase && Character.toLowerCase(pattern) == Character.toLowerCase(candidate);
    }

    /** The characters {@code from} (inclusive) to {@code to} (exclusive), wildcard marks kept. */
    Glob slice(int from, int to) {
        return new Glob(java.util.Arrays.copyOfRange(chars, from, to), java.util.Arrays.copyOfRange(kinds, from, to),
                ignoreCase);
    }

    /**
     * True when the pattern matches every string that starts with {@code prefix}: it ends in
     * {@code *} and what comes before that matches the prefix itself. Sufficient, not necessary;
     * used once per binding to skip per-message matching, so a false "no" only costs speed.
     */
    boolean matchesEveryExtensionOf(String prefix) {
        int end = chars.length;
        while (end > 0 && kinds[end - 1] == ANY_RUN) {
            end--;
        }
        return end < chars.length && (end == 0 || slice(0, end).matches(prefix));
    }

    /** True when some literal character of the pattern is {@code c} (for the near-miss hints). */
    boolean hasLiteral(char c) {
        for (int i = 0; i < chars.length; i++) {
            if (kinds[i] == LITERAL && chars[i] == c) {
                return true;
            }
        }
        return false;
    }

    /** The pattern's characters, wildcards and substituted values alike, as a developer reads it. */
    @Override
    public String toString() {
        return text;
    }

    /** Builds a pattern from policy text (wildcards live) and substituted values (literal). */
    static final class Builder {
        private char[] chars;
        private byte[] kinds;
        private int size;

        Builder(int capacity) {
            chars = new char[Math.max(capacity, 8)];
            kinds = new byte[chars.length];
        }

        Builder appendPattern(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                add(c, c == '*' ? ANY_RUN : c == '?' ? ANY_ONE : LITERAL);
            }
            return this;
        }

        Builder appendLiteral(String text) {
            for (int i = 0; i < text.length(); i++) {
                add(text.charAt(i), LITERAL);
            }
            return this;
        }

        private void add(char c, byte kind) {
            if (size == chars.length) {
                chars = java.util.Arrays.copyOf(chars, size * 2);
                kinds = java.util.Arrays.copyOf(kinds, size * 2);
            }
            chars[size] = c;
            kinds[size++] = kind;
        }

        Glob build(boolean ignoreCase) {
            return new Glob(java.util.Arrays.copyOf(chars, size), java.util.Arrays.copyOf(kinds, size), ignoreCase);
        }
    }
}
