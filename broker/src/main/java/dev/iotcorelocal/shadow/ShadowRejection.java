package dev.iotcorelocal.shadow;

/**
 * A request the shadow service refuses, with AWS's code and message text (the error table of
 * the Device Shadow documentation) and the request's client token when it had a valid one.
 * Stackless: refusals are expected outcomes.
 */
public final class ShadowRejection extends RuntimeException {
    static final String INVALID_JSON = "Invalid JSON";
    static final String MISSING_STATE = "Missing required node: state";
    static final String STATE_NOT_OBJECT = "State node must be an object";
    static final String DESIRED_NOT_OBJECT = "Desired node must be an object";
    static final String REPORTED_NOT_OBJECT = "Reported node must be an object";
    static final String INVALID_VERSION = "Invalid version";
    static final String INVALID_CLIENT_TOKEN = "Invalid clientToken";
    static final String TOO_DEEP = "JSON contains too many levels of nesting; maximum is " + ShadowLimits.MAX_DEPTH;
    static final String INVALID_NODE = "State contains an invalid node";
    static final String VERSION_CONFLICT = "Version conflict";
    static final String TOO_LARGE = "The payload exceeds the maximum size allowed";
    static final String NOT_UTF8 = "Unsupported documented encoding; supported encoding is UTF-8"; // sic, AWS's text
    static final String TOO_MANY_REQUESTS = "Too many requests";

    private final int code;
    private final String clientToken;

    ShadowRejection(int code, String message, String clientToken) {
        super(message, null, false, false);
        this.code = code;
        this.clientToken = clientToken;
    }

    static ShadowRejection badRequest(String message, String clientToken) {
        return new ShadowRejection(400, message, clientToken);
    }

    static ShadowRejection noShadow(ShadowKey key, String clientToken) {
        return new ShadowRejection(404, "No shadow exists with name: '" + key.displayName() + "'", clientToken);
    }

    public int code() {
        return code;
    }

    /** The token to echo, or null. */
    public String clientToken() {
        return clientToken;
    }
}
