package dev.iotcorelocal.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A URI template of the AWS models ({@code /things/{thingName}}, greedy {@code /destinations/{arn+}},
 * trailing-slash {@code /authorizers/}) matched against a raw path split on {@code /}: labels are
 * percent-decoded only after the split, so an encoded {@code %2F} stays inside its label.
 */
final class PathTemplate {
    private final String text;
    private final List<String> segments; // literal text, or "{name}" / "{name+}"

    private PathTemplate(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("URI template must start with '/': " + template);
        }
        List<String> segments = new ArrayList<>(List.of(template.substring(1).split("/", -1)));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.endsWith("+}") && i != segments.size() - 1) {
                throw new IllegalArgumentException("greedy label must be last: " + template);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    String text() {
        return text;
    }

    /**
     * The labels' decoded values if the raw segments match, else null.
     * @throws AwsException InvalidRequestException for bad percent-encoding in a label
     */
    Map<String, String> match(List<String> rawSegments) {
        int n = segments.size();
        boolean greedy = n > 0 && isGreedy(segments.get(n - 1));
        if (greedy ? rawSegments.size() < n : rawSegments.size() != n) {
            return null;
        }
        for (int i = 0; i < (greedy ? n - 1 : n); i++) {
            String segment = segments.get(i);
            if (!isLabel(segment) && !segment.equals(rawSegments.get(i))) {
                return null;
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String segment = segments.get(i);
            if (!isLabel(segment)) {
                continue;
            }
            String raw = greedy && i == n - 1 ? String.join("/", rawSegments.subList(i, rawSegments.size()))
                    : rawSegments.get(i);
            if (raw.isEmpty()) {
                return null; // labels are required members: /things/ is not DescribeThing of ""
            }
            labels.put(labelName(segment), PercentDecoding.decode(raw));
        }
        return labels;
    }

    /**
     * Orders two templates that both match: a literal segment beats a label at the first place
     * they differ ({@code /thing-groups/addThingToThingGroup} over {@code /thing-groups/{name}}).
     */
    int specificity(int position) {
        if (position >= segments.size()) {
            return -1;
        }
        String segment = segments.get(position);
        return isGreedy(segment) ? 0 : isLabel(segment) ? 1 : 2;
    }

    /** The first segment as written: literal text or a label such as {@code {name}}. */
    String firstSegment() {
        return segments.get(0);
    }

    int length() {
        return segments.size();
    }

    private static boolean isLabel(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static String labelName(String segment) {
        return segment.substring(1, segment.length() - (isGreedy(segment) ? 2 : 1));
    }

    @Override
    public String toString() {
        return text;
    }
}
