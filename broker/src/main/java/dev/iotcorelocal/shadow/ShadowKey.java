package dev.iotcorelocal.shadow;

import dev.iotcorelocal.limits.ShadowNames;

import java.util.Objects;

/**
 * One shadow: a thing's classic shadow ({@code shadowName} null) or one of its named shadows.
 * Names are validated here, so every key in the service is addressable by the API.
 */
public record ShadowKey(String thingName, String shadowName) {
    public ShadowKey {
        Objects.requireNonNull(thingName, "thingName");
        if (!ShadowNames.validThingName(thingName)) {
            throw new IllegalArgumentException("Invalid thing name: " + thingName);
        }
        if (shadowName != null && !ShadowNames.validShadowName(shadowName)) {
            throw new IllegalArgumentException("Invalid shadow name: " + shadowName);
        }
    }

    public static ShadowKey classic(String thingName) {
        return new ShadowKey(thingName, null);
    }

    public static ShadowKey named(String thingName, String shadowName) {
        return new ShadowKey(thingName, Objects.requireNonNull(shadowName, "shadowName"));
    }

    public boolean isClassic() {
        return shadowName == null;
    }

    /** {@code $aws/things/{thing}/shadow} or {@code $aws/things/{thing}/shadow/name/{shadow}}. */
    public String topicPrefix() {
        return isClassic() ? "$aws/things/" + thingName + "/shadow"
                : "$aws/things/" + thingName + "/shadow/name/" + shadowName;
    }

    /** The name AWS quotes in "No shadow exists with name: '...'" (the thing's, for the classic shadow). */
    String displayName() {
        return isClassic() ? thingName : shadowName;
    }
}
