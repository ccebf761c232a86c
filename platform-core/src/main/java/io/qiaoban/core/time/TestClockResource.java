package io.qiaoban.core.time;

import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.validation.Check;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Lets a test move the platform clock forward ("advance": "P7D"), so a journey's week of waiting runs
 * in a test. It exists only where the clock is a {@link MovableClock} (the test profile); anywhere
 * else, and for anyone but a platform admin, the route does not exist: 404.
 */
@Path("/v1/test/clock")
public class TestClockResource {
    public record ClockView(Instant now, String offset) {
    }

    public record Advance(String advance) {
    }

    private final Clock clock;
    private final CurrentCaller caller;

    TestClockResource(Clock clock, CurrentCaller caller) {
        this.clock = clock;
        this.caller = caller;
    }

    @GET
    public ClockView get() {
        MovableClock movable = movable();
        return new ClockView(movable.instant(), movable.offset().toString());
    }

    @POST
    public ClockView advance(Advance request) {
        MovableClock movable = movable();
        Check.required("advance", request == null ? null : request.advance());
        Duration by;
        try {
            by = Duration.parse(request.advance());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("advance", "duration");
        }
        if (by.isNegative() || by.compareTo(Duration.ofDays(400)) > 0) {
            throw ProblemException.invalid("advance", "duration");
        }
        movable.advance(by);
        return new ClockView(movable.instant(), movable.offset().toString());
    }

    private MovableClock movable() {
        if (!(clock instanceof MovableClock movable) || !caller.get().platformAdmin()) {
            throw new ProblemException(404, "route-not-found");
        }
        return movable;
    }
}
