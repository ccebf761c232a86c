package io.qiaoban.core.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysDoubleWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(1));
        for (int i = 0; i < 50; i++) {
            long first = backoff.after(1).toMillis();
            long third = backoff.after(3).toMillis();
            long tenth = backoff.after(10).toMillis();
            assertTrue(first >= 4000 && first <= 6000, "first retry ~5 s: " + first);
            assertTrue(third >= 16000 && third <= 24000, "third retry ~20 s: " + third);
            assertTrue(tenth >= 48000 && tenth <= 72000, "capped at ~1 min: " + tenth);
        }
    }
}
