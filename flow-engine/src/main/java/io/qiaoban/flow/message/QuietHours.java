package io.qiaoban.flow.message;

import io.qiaoban.core.workspace.WorkspaceZones;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * No marketing message at night: between {@code start} and {@code end} in the workspace's time zone a
 * marketing message waits for the morning. The flow engine applies it to every flow, so no flow can
 * forget it.
 */
@ApplicationScoped
public class QuietHours {
    private final WorkspaceZones zones;
    private final LocalTime start;
    private final LocalTime end;

    QuietHours(WorkspaceZones zones,
            @ConfigProperty(name = "qiaoban.messages.quiet-hours.start", defaultValue = "21:00") LocalTime start,
            @ConfigProperty(name = "qiaoban.messages.quiet-hours.end", defaultValue = "08:00") LocalTime end) {
        this.zones = zones;
        this.start = start;
        this.end = end;
    }

    /** When a marketing message due {@code now} may go: empty when now is not quiet. */
    public Optional<Instant> deferredUntil(UUID workspaceId, Instant now) {
        return morningAfter(now.atZone(zones.zone(workspaceId)), start, end).map(ZonedDateTime::toInstant);
    }

    /** The end of the quiet hours {@code local} falls in, or empty when it falls in none (start = end: never quiet). */
    static Optional<ZonedDateTime> morningAfter(ZonedDateTime local, LocalTime start, LocalTime end) {
        LocalTime time = local.toLocalTime();
        boolean quiet = start.isAfter(end) ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime morning = local.with(end);
        return Optional.of(morning.isAfter(local) ? morning : morning.plusDays(1));
    }
}
