package io.qiaoban.flow.graph;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule trigger fires: a five-field Unix cron ("0 9 * * 1" = Mondays at 9:00), read in the
 * workspace's time zone so "9:00" is the shop's morning. Firing more often than every
 * {@link #MIN_INTERVAL} is refused: a schedule starts a run over many customers, not a polling loop.
 */
public final class Schedule {
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(15);
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Enough consecutive firings to catch "0,5 9 * * *" (two firings close together once a day). */
    private static final int INTERVALS_CHECKED = 60;

    private final String cron;
    private final ExecutionTime times;

    private Schedule(String cron, ExecutionTime times) {
        this.cron = cron;
        this.times = times;
    }

    /** The schedule, or empty when the text is not a five-field cron. */
    public static Optional<Schedule> parse(String cron) {
        if (cron == null || cron.isBlank() || cron.length() > 100) {
            return Optional.empty();
        }
        try {
            String normalised = cron.trim().replaceAll("\\s+", " ");
            return Optional.of(new Schedule(normalised, ExecutionTime.forCron(PARSER.parse(normalised).validate())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String cron() {
        return cron;
    }

    /** The first firing strictly after {@code after}, or empty when the cron never fires again (Feb 30th). */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        return times.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The next {@code count} firings after {@code after}. */
    public List<Instant> upcoming(Instant after, ZoneId zone, int count) {
        List<Instant> upcoming = new ArrayList<>();
        Optional<Instant> next = next(after, zone);
        while (next.isPresent() && upcoming.size() < count) {
            upcoming.add(next.get());
            next = next(next.get(), zone);
        }
        return upcoming;
    }

    /** Whether two firings come closer than {@link #MIN_INTERVAL} (checked over a day's worth of firings from a fixed moment). */
    public boolean tooOften() {
        List<Instant> firings = upcoming(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"), INTERVALS_CHECKED);
        for (int i = 1; i < firings.size(); i++) {
            if (Duration.between(firings.get(i - 1), firings.get(i)).compareTo(MIN_INTERVAL) < 0) {
                return true;
            }
        }
        return false;
    }
}
