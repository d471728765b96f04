package dev.iotcorelocal.limits;

/**
 * AWS's shadow naming rules (iot-data API reference): a thing name is 1-128 of
 * {@code [a-zA-Z0-9:_-]}, a shadow name 1-64 of {@code [$a-zA-Z0-9:_-]}. Shared by the reserved
 * topic gate (a topic naming an invalid thing or shadow is no shadow request) and the shadow API.
 */
public final class ShadowNames {
    public static final int THING_NAME_MAX = 128;
    public static final int SHADOW_NAME_MAX = 64;

    private ShadowNames() {
    }

    public static boolean validThingName(String name) {
        return valid(name, THING_NAME_MAX, false);
    }

    public static boolean validShadowName(String name) {
        return valid(name, SHADOW_NAME_MAX, true);
    }

    private static boolean valid(String name, int maxLength, boolean dollarAllowed) {
        if (name == null || name.isEmpty() || name.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == ':' || c == '_' || c == '-' || dollarAllowed && c == '$';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
