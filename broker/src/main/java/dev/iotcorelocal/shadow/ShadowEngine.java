package dev.iotcorelocal.shadow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotcorelocal.shadow.ShadowStore.StoredShadow;

import java.time.Clock;

/**
 * The Device Shadow rules, pure and synchronous: validate, merge, version, delta, and the
 * documents AWS answers with. Not thread-safe per shadow: the service calls it for one thing
 * from one thread at a time. Timestamps are epoch seconds from the injected clock.
 */
public final class ShadowEngine {
    private final ShadowStore store;
    private final Clock clock;

    public ShadowEngine(ShadowStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The request with every answer document written. */
    public ShadowResult handle(ShadowKey key, ShadowOperation operation, byte[] payload) {
        return handle(key, operation, payload, Answers.ALL);
    }

    /** The request, writing only the answers someone reads (the others are null in the result). */
    public ShadowResult handle(ShadowKey key, ShadowOperation operation, byte[] payload, Answers answers) {
        long nowMillis = clock.millis();
        long now = nowMillis / 1000;
        try {
            return switch (operation) {
                case GET -> get(key, payload, now, answers);
                case UPDATE -> update(key, payload, nowMillis, now, answers);
                case DELETE -> delete(key, payload, nowMillis, now, answers);
            };
        } catch (ShadowRejection rejection) {
            return ShadowResult.rejected(key, operation, rejection, now);
        }
    }

    private ShadowResult get(ShadowKey key, byte[] payload, long now, Answers answers) {
        String token = ClientTokens.ofIgnoredPayload(payload);
        ShadowDocument document = live(key, now * 1000);
        if (document == null) {
            throw ShadowRejection.noShadow(key, token);
        }
        return new ShadowResult(key, ShadowOperation.GET, answers.accepted() ? Responses.get(document, now, token) : null,
                null, null, null);
    }

    private ShadowResult delete(ShadowKey key, byte[] payload, long nowMillis, long now, Answers answers) {
        String token = ClientTokens.ofIgnoredPayload(payload);
        ShadowDocument document = live(key, nowMillis);
        if (document == null) {
            throw ShadowRejection.noShadow(key, token);
        }
        store.put(key, StoredShadow.deleted(document.version(), nowMillis));
        return new ShadowResult(key, ShadowOperation.DELETE,
                answers.accepted() ? Responses.deleted(document.version(), now, token) : null, null, null, null);
    }

    private ShadowResult update(ShadowKey key, byte[] payload, long nowMillis, long now, Answers answers) {
        UpdateRequest request = UpdateRequest.parse(payload);
        StoredShadow stored = current(key, nowMillis);
        ShadowDocument previous = stored != null && stored.isLive() ? stored.document() : null;
        long version = previous != null ? previous.version() : stored == null ? 0 : stored.deletedVersion();

        ObjectNode timestamp = Metadata.timestamp(now);
        Section desired = section(previous == null ? null : previous.desiredSection(), request.desired(), request,
                timestamp);
        Section reported = section(previous == null ? null : previous.reportedSection(), request.reported(), request,
                timestamp);
        ShadowDocument current = ShadowDocument.of(desired, reported, version + 1);
        if (current.stateBytes() > ShadowLimits.MAX_STATE_BYTES) {
            throw new ShadowRejection(413, ShadowRejection.TOO_LARGE, request.clientToken());
        }
        if (request.version() >= 0 && request.version() != version) {
            throw new ShadowRejection(409, ShadowRejection.VERSION_CONFLICT, request.clientToken());
        }
        store.put(key, StoredShadow.live(current));

        byte[] accepted = answers.accepted() ? Responses.updateAccepted(request, timestamp, current.version(), now) : null;
        byte[] delta = null;
        if (answers.delta() && request.touchesDesired()) {
            Section computed = Delta.of(desired, current.reported());
            if (computed != null) {
                delta = Responses.delta(computed, current.version(), now, request.clientToken());
            }
        }
        byte[] documents = answers.documents() ? Responses.documents(previous, current, now, request.clientToken())
                : null;
        return new ShadowResult(key, ShadowOperation.UPDATE, accepted, null, delta, documents);
    }

    private static Section section(Section stored, ObjectNode update, UpdateRequest request, ObjectNode timestamp) {
        if (request.clearState() || update == null) {
            return null;
        }
        if (update == UpdateRequest.ABSENT) {
            return stored;
        }
        return StateMerge.merge(stored, update, timestamp);
    }

    /** Names of the thing's named shadows after {@code after}, at most limit; the classic shadow is never named. */
    public java.util.List<String> namedShadows(String thingName, String after, int limit) {
        return store.namedShadows(thingName, after, limit);
    }

    public long nowSeconds() {
        return clock.millis() / 1000;
    }

    long nowMillis() {
        return clock.millis();
    }

    private ShadowDocument live(ShadowKey key, long nowMillis) {
        StoredShadow stored = current(key, nowMillis);
        return stored != null && stored.isLive() ? stored.document() : null;
    }

    /** The stored entry; a deleted shadow's version is forgotten after 48 hours (AWS), so it starts from 0 again. */
    private StoredShadow current(ShadowKey key, long nowMillis) {
        StoredShadow stored = store.get(key);
        if (stored != null && !stored.isLive()
                && nowMillis - stored.deletedAtMillis() >= ShadowLimits.VERSION_KEPT_AFTER_DELETE.toMillis()) {
            store.remove(key);
            return null;
        }
        return stored;
    }
}
