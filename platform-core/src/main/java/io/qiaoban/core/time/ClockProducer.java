package io.qiaoban.core.time;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one source of "now" for the platform. Under the test profile (tests, and the packaged
 * application when a browser journey starts it with that profile) it is a {@link MovableClock} that
 * {@link TestClockResource} moves; in every other run it is the system clock and nothing can move it.
 */
@ApplicationScoped
public class ClockProducer {
    // a singleton, not a client proxy: TestClockResource needs to see the MovableClock itself
    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return testProfile() ? new MovableClock(Clock.systemUTC()) : Clock.systemUTC();
    }

    static boolean testProfile() {
        return ConfigUtils.getProfiles().contains("test");
    }
}
