package dev.iotcorelocal.api;

import java.util.Map;
import java.util.regex.Pattern;

/** The name and attribute rules of the iot model, checked before anything reaches the registry. */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9:_-]{1,128}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_.,@/:#-]{1,128}");
    private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("[a-zA-Z0-9_.,@/:#-]{0,800}");

    private Names() {
    }

    /** A thing, thing type or thing group name: 1-128 of [a-zA-Z0-9:_-]. Null passes (absent member). */
    static String check(String value, String member) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw AwsException.invalidRequest(member + " must be 1 to 128 characters of a-z, A-Z, 0-9, ':', '_' and "
                    + "'-', was '" + value + "'.");
        }
        return value;
    }

    static Map<String, String> attributes(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        attributes.forEach((name, value) -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw AwsException.invalidRequest("Attribute name '" + name + "' must be 1 to 128 characters of "
                        + "a-zA-Z0-9_.,@/:#-.");
            }
            if (value == null || !ATTRIBUTE_VALUE.matcher(value).matches()) {
                throw AwsException.invalidRequest("The value of attribute '" + name + "' must be up to 800 characters "
                        + "of a-zA-Z0-9_.,@/:#-.");
            }
        });
        return attributes;
    }
}
