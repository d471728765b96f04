package dev.iotcorelocal.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * nextToken values: the opaque base64url of the last key of the previous page, so a listing
 * resumes after it even when items were added or removed meanwhile.
 */
public final class PageToken {
    private PageToken() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The last key of the previous page, or null for the first page. */
    public static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidRequest("The nextToken is not one this API issued.");
        }
    }
}
