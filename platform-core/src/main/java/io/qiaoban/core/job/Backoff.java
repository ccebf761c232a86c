package io.qiaoban.core.job;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base, 2x base, 4x base... capped, each +-20% so retries spread out. */
public record Backoff(Duration base, Duration max) {
    public Duration after(int attempt) {
        double exponential = base.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(exponential, max.toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.round(capped * jitter));
    }
}
