package dev.iotcorelocal.protocol;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random version-4 UUIDs for request ids in Reason Strings and assigned client IDs, from
 * {@link ThreadLocalRandom}: {@link UUID#randomUUID()} draws on SecureRandom, which may block
 * for entropy and takes a lock, and this runs on event loops. These ids tell events apart; they
 * are not secrets.
 */
final class RandomIds {
    private RandomIds() {
    }

    static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(most, least);
    }
}
