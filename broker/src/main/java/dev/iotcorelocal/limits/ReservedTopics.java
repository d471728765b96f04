package dev.iotcorelocal.limits;

/**
 * AWS IoT Core's reserved topics (profile section 6): only the {@code $aws/...} families AWS
 * defines, each with the operations it allows. Every other '$' topic is refused. A pattern
 * level {@code *} stands for one name (thing, shadow, job id, format).
 */
public final class ReservedTopics {
    private static final String[][] PUBLISH = split(
            "$aws/things/*/shadow/get", "$aws/things/*/shadow/update", "$aws/things/*/shadow/delete",
            "$aws/things/*/shadow/name/*/get", "$aws/things/*/shadow/name/*/update", "$aws/things/*/shadow/name/*/delete",
            "$aws/things/*/jobs/get", "$aws/things/*/jobs/start-next", "$aws/things/*/jobs/*/get",
            "$aws/things/*/jobs/*/update",
            "$aws/certificates/create/*", "$aws/certificates/create-from-csr/*",
            "$aws/provisioning-templates/*/provision/*",
            "$aws/things/*/defender/metrics/*");

    private static final String[][] SUBSCRIBE = split(
            "$aws/things/*/shadow/get", "$aws/things/*/shadow/update", "$aws/things/*/shadow/delete",
            "$aws/things/*/shadow/get/accepted", "$aws/things/*/shadow/get/rejected",
            "$aws/things/*/shadow/update/accepted", "$aws/things/*/shadow/update/rejected",
            "$aws/things/*/shadow/update/delta", "$aws/things/*/shadow/update/documents",
            "$aws/things/*/shadow/delete/accepted", "$aws/things/*/shadow/delete/rejected",
            "$aws/things/*/shadow/name/*/get", "$aws/things/*/shadow/name/*/update", "$aws/things/*/shadow/name/*/delete",
            "$aws/things/*/shadow/name/*/get/accepted", "$aws/things/*/shadow/name/*/get/rejected",
            "$aws/things/*/shadow/name/*/update/accepted", "$aws/things/*/shadow/name/*/update/rejected",
            "$aws/things/*/shadow/name/*/update/delta", "$aws/things/*/shadow/name/*/update/documents",
            "$aws/things/*/shadow/name/*/delete/accepted", "$aws/things/*/shadow/name/*/delete/rejected",
            "$aws/things/*/jobs/notify", "$aws/things/*/jobs/notify-next",
            "$aws/things/*/jobs/get/accepted", "$aws/things/*/jobs/get/rejected",
            "$aws/things/*/jobs/start-next/accepted", "$aws/things/*/jobs/start-next/rejected",
            "$aws/things/*/jobs/*/get/accepted", "$aws/things/*/jobs/*/get/rejected",
            "$aws/things/*/jobs/*/update/accepted", "$aws/things/*/jobs/*/update/rejected",
            "$aws/certificates/create/*/accepted", "$aws/certificates/create/*/rejected",
            "$aws/certificates/create-from-csr/*/accepted", "$aws/certificates/create-from-csr/*/rejected",
            "$aws/provisioning-templates/*/provision/*/accepted", "$aws/provisioning-templates/*/provision/*/rejected",
            "$aws/things/*/defender/metrics/*/accepted", "$aws/things/*/defender/metrics/*/rejected");

    private static final String EVENTS_PREFIX = "$aws/events/";

    private ReservedTopics() {
    }

    /** Whether a client may publish to this topic: not '$', Basic Ingest, or an AWS publish topic. */
    public static boolean canPublish(String topic) {
        if (!topic.startsWith("$")) {
            return true;
        }
        if (LimitChecks.isBasicIngest(topic)) {
            int start = LimitChecks.BASIC_INGEST_PREFIX.length();
            int end = topic.indexOf('/', start);
            return (end < 0 ? topic.length() : end) > start; // a rule name is required
        }
        String[] levels = topic.split("/", -1);
        return matchesAny(PUBLISH, levels, false) && shadowNamesValid(levels);
    }

    /**
     * A shadow request must name a thing and shadow the API could address (spec A1, PROPOSED):
     * {@code $aws/things/bad name/shadow/get} is refused like any unknown reserved topic.
     */
    private static boolean shadowNamesValid(String[] levels) {
        if (levels.length < 5 || !levels[1].equals("things") || !levels[3].equals("shadow")) {
            return true;
        }
        return ShadowNames.validThingName(levels[2])
                && (!levels[4].equals("name") || levels.length > 5 && ShadowNames.validShadowName(levels[5]));
    }

    /** Whether a client may subscribe to this filter (share prefix removed): it can match an AWS subscribe topic. */
    public static boolean canSubscribe(String filter) {
        if (!filter.startsWith("$")) {
            return true;
        }
        if (filter.startsWith(EVENTS_PREFIX) && filter.length() > EVENTS_PREFIX.length()) {
            return true;
        }
        return matchesAny(SUBSCRIBE, filter.split("/", -1), true);
    }

    /** Patterns are split into levels once, not on every check. */
    private static String[][] split(String... patterns) {
        return java.util.Arrays.stream(patterns).map(p -> p.split("/")).toArray(String[][]::new);
    }

    private static boolean matchesAny(String[][] patterns, String[] levels, boolean wildcards) {
        for (String[] pattern : patterns) {
            if (matches(pattern, levels, wildcards)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the topic (or, with wildcards, some topic the filter matches) fits the pattern. */
    private static boolean matches(String[] pattern, String[] levels, boolean wildcards) {
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (wildcards && level.equals("#")) {
                return i < pattern.length; // '#' matches one or more further levels (AWS)
            }
            if (i >= pattern.length) {
                return false;
            }
            boolean matched = wildcards && level.equals("+")
                    || (pattern[i].equals("*") ? !level.isEmpty() : pattern[i].equals(level));
            if (!matched) {
                return false;
            }
        }
        return levels.length == pattern.length;
    }
}
