package dev.iotcorelocal.routing;

/**
 * A parsed topic filter: the plain filter, and the share group when it was given as
 * {@code $share/<group>/<filter>}. {@link #parse} returns null for an invalid filter.
 */
public record TopicFilter(String filter, String shareGroup) {
    public static final String SHARE_PREFIX = "$share/";

    public boolean isShared() {
        return shareGroup != null;
    }

    public boolean hasWildcard() {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** The filter as the client wrote it, shared prefix included: the key of a subscription in a session. */
    public String key() {
        return shareGroup == null ? filter : SHARE_PREFIX + shareGroup + "/" + filter;
    }

    public static TopicFilter parse(String text) {
        if (text.startsWith(SHARE_PREFIX)) {
            int slash = text.indexOf('/', SHARE_PREFIX.length());
            if (slash < 0) {
                return null;
            }
            String group = text.substring(SHARE_PREFIX.length(), slash);
            String filter = text.substring(slash + 1);
            if (group.isEmpty() || group.indexOf('+') >= 0 || group.indexOf('#') >= 0 || !isValidFilter(filter)) {
                return null;
            }
            return new TopicFilter(filter, group);
        }
        return isValidFilter(text) ? new TopicFilter(text, null) : null;
    }

    /** Spec 4.7.1: '#' only as the whole last level, '+' only as a whole level. */
    static boolean isValidFilter(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        int length = filter.length();
        for (int i = 0; i < length; i++) {
            char c = filter.charAt(i);
            boolean levelStart = i == 0 || filter.charAt(i - 1) == '/';
            boolean levelEnd = i == length - 1 || filter.charAt(i + 1) == '/';
            if (c == '#' && !(levelStart && i == length - 1)) {
                return false;
            }
            if (c == '+' && !(levelStart && levelEnd)) {
                return false;
            }
        }
        return true;
    }
}
