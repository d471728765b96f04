package dev.iotcorelocal.api;

/** What a handler answers: always HTTP 200 (every operation of AWS IoT's models succeeds with 200). */
public record ApiResponse(byte[] body, String contentType) {
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    static final String JSON = "application/json";

    /** A response object (usually a record) as JSON. */
    public static ApiResponse json(Object value) {
        return new ApiResponse(Json.write(value), JSON);
    }

    /** An operation with no output: {@code {}}, which every SDK parses as an empty result. */
    public static ApiResponse empty() {
        return new ApiResponse(EMPTY_OBJECT, JSON);
    }

    /** A blob output (a shadow document) sent as the raw body. */
    public static ApiResponse raw(byte[] body, String contentType) {
        return new ApiResponse(body, contentType);
    }
}
