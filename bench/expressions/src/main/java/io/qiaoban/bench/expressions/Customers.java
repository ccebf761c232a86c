package io.qiaoban.bench.expressions;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sample customer and expressions both sides evaluate, and the plain-MVEL twins of the library functions. */
public final class Customers {
    /** A typical rule condition: 5 fields, 2 functions. */
    public static final String CONDITION =
            "totalSpend > 5000 && daysSince(lastOrderDate) < 30 && count(orders) >= 2 && level != '钻石' && city == '杭州'";
    /** A typical formula: money arithmetic and a function. */
    public static final String FORMULA = "round(totalSpend * 0.85, 2) + points / 100";
    /**
     * The same two for plain MVEL, with the numbers written as the sandbox's lexical pass writes them
     * (BigDecimal literals): both sides then do the same arithmetic, and give the same results.
     */
    public static final String PLAIN_CONDITION =
            "totalSpend > 5000B && daysSince(lastOrderDate) < 30B && count(orders) >= 2B && level != '钻石' && city == '杭州'";
    // "2", not "2B": MVEL's bytecode optimizer fails (VerifyError) on a BigDecimal literal argument of an imported method
    public static final String PLAIN_FORMULA = "round(totalSpend * 0.85B, 2) + points / 100B";

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Customers() {
    }

    public static Map<String, Object> customer() {
        Map<String, Object> c = new HashMap<>();
        c.put("totalSpend", new BigDecimal("6200.50"));
        c.put("lastOrderDate", LocalDate.parse("2026-11-10"));
        c.put("orders", List.of(Map.of("amount", new BigDecimal("100")), Map.of("amount", new BigDecimal("6100.50"))));
        c.put("level", "金卡");
        c.put("city", "杭州");
        c.put("points", new BigDecimal("1234"));
        return c;
    }

    /** daysSince for plain MVEL, same meaning as the library's. */
    public static long daysSince(Object date) {
        return ChronoUnit.DAYS.between((LocalDate) date, NOW.atZone(ZONE).toLocalDate());
    }

    public static int count(Object list) {
        return ((Collection<?>) list).size();
    }

    public static BigDecimal round(Object n, Object digits) {
        return ((BigDecimal) n).setScale(((Number) digits).intValue(), java.math.RoundingMode.HALF_UP);
    }
}
