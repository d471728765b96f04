package dev.iotcorelocal.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a listing and the token for the next (AWS's {@code nextMarker}/{@code nextToken},
 * null on the last page). Tokens are the base64 of the next offset, matching AWS's marker
 * pattern {@code [A-Za-z0-9+/]+={0,2}}.
 */
public record Page<T>(List<T> items, String next) {
    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 250;

    public Page {
        items = List.copyOf(items);
    }

    /** The page of {@code all} that {@code token} (null: the first) and {@code size} (null: the default) select. */
    public static <T> Page<T> of(List<T> all, String token, Integer size, String sizeField) {
        int limit = size == null ? DEFAULT_SIZE : size;
        if (limit < 1 || limit > MAX_SIZE) {
            throw RegistryRefusal.invalid(sizeField + " must be between 1 and " + MAX_SIZE + ", was " + limit);
        }
        int start = token == null ? 0 : decode(token);
        int end = Math.min(all.size(), start + limit);
        List<T> items = start >= all.size() ? List.of() : all.subList(start, end);
        return new Page<>(items, end < all.size() ? encode(end) : null);
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(Integer.toString(offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decode(String token) {
        try {
            int offset = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.US_ASCII));
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw RegistryRefusal.invalid("the pagination token is not one this service issued: " + token);
        }
    }
}
