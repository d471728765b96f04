package dev.iotcorelocal.shadow;

import java.util.List;

/**
 * Where shadows live; in memory now, durable later without the service noticing. The service
 * calls it for one thing from one thread at a time (the thing's lane), so an implementation
 * needs no read-modify-write atomicity, only safe publication across threads.
 */
public interface ShadowStore {
    /** The shadow's entry (live or deleted), or null when it never existed or was forgotten. */
    StoredShadow get(ShadowKey key);

    void put(ShadowKey key, StoredShadow shadow);

    void remove(ShadowKey key);

    /** Names of the thing's live named shadows after {@code after} (null: from the first), in order, at most limit. */
    List<String> namedShadows(String thingName, String after, int limit);

    /** A live document, or a deleted shadow's last version and when it was deleted (epoch millis). */
    record StoredShadow(ShadowDocument document, long deletedVersion, long deletedAtMillis) {
        static StoredShadow live(ShadowDocument document) {
            return new StoredShadow(document, 0, 0);
        }

        static StoredShadow deleted(long version, long atMillis) {
            return new StoredShadow(null, version, atMillis);
        }

        boolean isLive() {
            return document != null;
        }
    }
}
