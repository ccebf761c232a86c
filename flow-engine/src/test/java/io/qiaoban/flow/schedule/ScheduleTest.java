package io.qiaoban.flow.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.flow.graph.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cron schedules read in the workspace's time zone, and the floor on how often they may fire. */
class ScheduleTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void nineOClockIsTheShopsMorning() {
        Schedule daily = Schedule.parse("0 9 * * *").orElseThrow();
        // 08:00 in Shanghai: today's 9:00 is still ahead
        assertEquals(Instant.parse("2026-11-24T01:00:00Z"), daily.next(Instant.parse("2026-11-24T00:00:00Z"), SHANGHAI).orElseThrow());
        // exactly at a firing: the next one, not the same again
        assertEquals(Instant.parse("2026-11-25T01:00:00Z"), daily.next(Instant.parse("2026-11-24T01:00:00Z"), SHANGHAI).orElseThrow());
    }

    @Test
    void weeklyAndMonthlySchedules() {
        Schedule mondays = Schedule.parse(" 30  8 * *   1 ").orElseThrow();
        assertEquals("30 8 * * 1", mondays.cron());
        // 2026-11-24 is a Tuesday: the next Monday is the 30th
        assertEquals(List.of(Instant.parse("2026-11-30T00:30:00Z"), Instant.parse("2026-12-07T00:30:00Z")),
                mondays.upcoming(Instant.parse("2026-11-24T00:00:00Z"), SHANGHAI, 2));
        Schedule firstOfMonth = Schedule.parse("0 10 1 * *").orElseThrow();
        assertEquals(Instant.parse("2026-12-01T02:00:00Z"),
                firstOfMonth.next(Instant.parse("2026-11-24T00:00:00Z"), SHANGHAI).orElseThrow());
    }

    @Test
    void textThatIsNoFiveFieldCronIsRefused() {
        for (String bad : new String[] {null, "", "   ", "every day", "0 9 * *", "0 0 9 * * ?", "61 9 * * *", "0 25 * * *",
                "0 9 * * 8", "0 9 32 * *", "x".repeat(101)}) {
            assertTrue(Schedule.parse(bad).isEmpty(), () -> "accepted: " + bad);
        }
    }

    @Test
    void firingMoreOftenThanEveryQuarterHourIsTooOften() {
        assertTrue(Schedule.parse("* * * * *").orElseThrow().tooOften());
        assertTrue(Schedule.parse("*/5 * * * *").orElseThrow().tooOften());
        // twice close together, once a day
        assertTrue(Schedule.parse("0,5 9 * * *").orElseThrow().tooOften());
        assertFalse(Schedule.parse("*/15 * * * *").orElseThrow().tooOften());
        assertFalse(Schedule.parse("0 9 * * 1-5").orElseThrow().tooOften());
    }
}
