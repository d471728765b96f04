package dev.iotcorelocal.shadow;

/**
 * What one request produced: the answer document (the {@code accepted} or {@code rejected}
 * payload, and the HTTP body on success) and, for an accepted update, the {@code update/delta}
 * (null when the delta is empty or the update did not touch desired) and {@code update/documents};
 * each of the three is also null when nobody subscribed to its topic (see {@link Answers}).
 *
 * @param rejection null when accepted
 */
public record ShadowResult(ShadowKey key, ShadowOperation operation, byte[] response, ShadowRejection rejection,
                           byte[] delta, byte[] documents) {

    public boolean accepted() {
        return rejection == null;
    }

    static ShadowResult rejected(ShadowKey key, ShadowOperation operation, ShadowRejection rejection, long now) {
        return new ShadowResult(key, operation,
                Responses.rejected(rejection.code(), rejection.getMessage(), now, rejection.clientToken()),
                rejection, null, null);
    }
}
