package dev.iotcorelocal.policy;

import java.util.Optional;

/**
 * An ArnEquals/ArnLike value: IAM compares ARNs field by field (partition, service, region,
 * account, resource), each field a pattern that cannot run into the next; the resource field is
 * everything after the fifth colon.
 */
final class ArnPattern {
    private static final int FIELDS = 6;
    private final Glob[] fields;

    private ArnPattern(Glob[] fields) {
        this.fields = fields;
    }

    static Optional<ArnPattern> parse(Template template, RequestContext context) {
        Glob whole = template.bindGlob(context, false);
        String text = template.bindText(context);
        if (whole == null || text == null) {
            return Optional.empty();
        }
        String[] written = text.split(":", FIELDS);
        if (written.length != FIELDS || !written[0].equals("arn")) {
            return Optional.empty();
        }
        // the fields of the substituted pattern keep the wildcard marks of the whole
        Glob[] globs = new Glob[FIELDS];
        int start = 0;
        for (int i = 0; i < FIELDS; i++) {
            globs[i] = whole.slice(start, start + written[i].length());
            start += written[i].length() + 1;
        }
        return Optional.of(new ArnPattern(globs));
    }

    boolean matches(String arn) {
        String[] parts = arn.split(":", FIELDS);
        if (parts.length != FIELDS) {
            return false;
        }
        for (int i = 0; i < FIELDS; i++) {
            if (!fields[i].matches(parts[i])) {
                return false;
            }
        }
        return true;
    }
}
