package io.qiaoban.flow.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Marketing messages wait for the morning in the workspace's zone; daytime ones go at once. */
class QuietHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalTime NINE_PM = LocalTime.of(21, 0);
    static final LocalTime EIGHT_AM = LocalTime.of(8, 0);

    static ZonedDateTime at(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, SHANGHAI);
    }

    @Test
    void anEveningMessageWaitsForTheNextMorning() {
        assertEquals(Optional.of(at(25, 8, 0)), QuietHours.morningAfter(at(24, 21, 0), NINE_PM, EIGHT_AM));
        assertEquals(Optional.of(at(25, 8, 0)), QuietHours.morningAfter(at(24, 23, 59), NINE_PM, EIGHT_AM));
    }

    @Test
    void anEarlyMessageWaitsForTheSameMorning() {
        assertEquals(Optional.of(at(24, 8, 0)), QuietHours.morningAfter(at(24, 0, 0), NINE_PM, EIGHT_AM));
        assertEquals(Optional.of(at(24, 8, 0)), QuietHours.morningAfter(at(24, 7, 59), NINE_PM, EIGHT_AM));
    }

    @Test
    void daytimeMessagesGoAtOnce() {
        assertTrue(QuietHours.morningAfter(at(24, 8, 0), NINE_PM, EIGHT_AM).isEmpty());
        assertTrue(QuietHours.morningAfter(at(24, 20, 59), NINE_PM, EIGHT_AM).isEmpty());
    }

    @Test
    void quietHoursWithinOneDayAndSwitchedOff() {
        LocalTime noon = LocalTime.NOON;
        LocalTime two = LocalTime.of(14, 0);
        assertEquals(Optional.of(at(24, 14, 0)), QuietHours.morningAfter(at(24, 12, 30), noon, two));
        assertTrue(QuietHours.morningAfter(at(24, 14, 0), noon, two).isEmpty());
        assertTrue(QuietHours.morningAfter(at(24, 3, 0), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).isEmpty());
    }
}
