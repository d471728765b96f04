package dev.iotcorelocal.routing;

import java.util.Collection;

/**
 * A set of first topic levels as a one-hash bitmap: {@link #mayContainFirstLevelOf} hashes a
 * topic's first level where it lies (as {@link String#hashCode} would) and reads one bit. False
 * positives happen (about one topic in 16 for unknown first levels), false negatives never do,
 * so a "no" is final and a "maybe" is settled by the caller's exact lookup.
 */
final class FirstLevels {
    private static final int BITS_PER_LEVEL = 16;
    private final long[] bits;
    private final int mask;

    private FirstLevels(long[] bits) {
        this.bits = bits;
        this.mask = bits.length * Long.SIZE - 1;
    }

    static FirstLevels of(Collection<String> levels) {
        int size = Long.SIZE;
        while (size < levels.size() * BITS_PER_LEVEL) {
            size <<= 1;
        }
        FirstLevels set = new FirstLevels(new long[size / Long.SIZE]);
        for (String level : levels) {
            int bit = set.bit(level.hashCode());
            set.bits[bit >>> 6] |= 1L << bit;
        }
        return set;
    }

    boolean mayContainFirstLevelOf(String topic) {
        int hash = 0;
        for (int i = 0, length = topic.length(); i < length; i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                break;
            }
            hash = 31 * hash + c;
        }
        int bit = bit(hash);
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    private int bit(int hash) {
        return (hash ^ (hash >>> 16)) * 0x9E3779B9 >>> 7 & mask;
    }
}
