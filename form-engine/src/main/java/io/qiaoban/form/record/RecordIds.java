package io.qiaoban.form.record;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Record ids in the UUID version 7 layout (RFC 9562): 48 bits of milliseconds, then random bits.
 * New ids sort after older ones, so the primary key and the history's record index grow at their
 * right edge instead of touching a random page per insert: a million-row import writes its index
 * pages once. The random part (74 bits) keeps ids unguessable enough to be no enumeration handle.
 */
public final class RecordIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordIds() {
    }

    public static UUID next(Clock clock) {
        long millis = clock.millis();
        long randomHigh = RANDOM.nextLong();
        long randomLow = RANDOM.nextLong();
        long most = (millis << 16) | 0x7000L | (randomHigh & 0x0fffL);
        long least = (randomLow & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least);
    }
}
