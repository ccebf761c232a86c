package io.qiaoban.rule.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qiaoban.core.expression.CompiledExpression;
import io.qiaoban.core.expression.ExpressionContext;
import io.qiaoban.core.expression.ExpressionContextType;
import io.qiaoban.core.expression.ExpressionService.Evaluation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The expressions business users write, and what they must give, on a fixed customer and a fixed clock. */
class BusinessExpressionsTest {
    /** 2026-11-24 10:00 in Shanghai. */
    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    static final ExpressionSandbox SANDBOX = ExpressionSandbox.withDefaults();

    static Map<String, Object> customer() {
        Map<String, Object> c = new HashMap<>();
        c.put("name", "王小明");
        c.put("phone", "13812345678");
        c.put("level", "金卡");
        c.put("totalSpend", new BigDecimal("5200.50"));
        c.put("points", 1234);
        c.put("lastOrderDate", LocalDate.parse("2026-08-20"));
        c.put("firstOrderDate", "2025-11-24");
        c.put("birthday", LocalDate.parse("1990-11-03"));
        c.put("tags", List.of("VIP", "复购"));
        c.put("remark", null);
        c.put("orders", List.of(
                Map.of("amount", new BigDecimal("100.10"), "paidAt", "2026-01-05"),
                Map.of("amount", new BigDecimal("0.20"), "paidAt", "2026-08-20"),
                Map.of("amount", 3000, "paidAt", "2026-03-01")));
        c.put("store", Map.of("city", "杭州", "manager", Map.of("name", "李")));
        return c;
    }

    static Map<String, Class<?>> types() {
        Map<String, Class<?>> t = new HashMap<>();
        customer().forEach((k, v) -> t.put(k, v instanceof Map ? Map.class : v instanceof List ? List.class : Object.class));
        return t;
    }

    static Object eval(String source) {
        return run(source, Set.of()).value();
    }

    static Evaluation run(String source, Set<String> outputs) {
        CompiledExpression compiled = SANDBOX.compile(source, new ExpressionContextType(types(), outputs));
        return SANDBOX.run(compiled, new ExpressionContext(customer(), NOW));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", value = {
            "totalSpend > 5000 => true",
            "totalSpend > 5000 && level == '金卡' => true",
            "totalSpend * 0.8 => 4160.400",
            "0.1 + 0.2 == 0.3 => true",
            "0.1 + 0.2 => 0.3",
            "round(totalSpend * 0.85, 2) => 4420.43",
            "daysSince(lastOrderDate) => 96",
            "距今天数(lastOrderDate) > 90 => true",
            "daysSince(lastOrderDate) > 90 && count(orders) >= 2 => true",
            "daysBetween(firstOrderDate, lastOrderDate) => 269",
            "相差天数(firstOrderDate, lastOrderDate) => 269",
            "addDays(lastOrderDate, 7) => 2026-08-27",
            "monthOf(birthday) == monthOf(today()) => true",
            "月份(birthday) == 月份(今天()) => true",
            "yearOf(firstOrderDate) => 2025",
            "sum(orders, 'amount') => 3100.30",
            "求和(orders, 'amount') > 3000 => true",
            "count(orders) => 3",
            "avg(orders, 'amount') => 1033.433333333333333333333333333333",
            "max(orders, 'amount') => 3000",
            "min(orders, 'amount') => 0.20",
            "max(orders, 'paidAt') => 2026-08-20",
            "floor(points / 100) => 12",
            "ceil(points / 100) => 13",
            "abs(0 - totalSpend) => 5200.50",
            "len(phone) == 11 => true",
            "len(name) => 3",
            "contains(tags, 'VIP') => true",
            "包含(name, '小明') => true",
            "startsWith(phone, '138') => true",
            "upper('vip') => VIP",
            "lower('ABC') => abc",
            "trim('  x  ') => x",
            "concat(store.city, '-', name) => 杭州-王小明",
            "substr(phone, 7, 4) => 5678",
            "截取(name, 1) => 小明",
            "ifNull(remark, '无') => 无",
            "为空时(level, '普通') => 金卡",
            "isEmpty(remark) => true",
            "是否为空(tags) => false",
            "store.city == '杭州' => true",
            "store.manager.name => 李",
            "store['city'] => 杭州",
            "orders[0].amount => 100.10",
            "orders[9] == null => true",
            "totalSpend >= 5000 ? '钻石' : '金卡' => 钻石",
            "!(level == '金卡') => false",
            "0 - totalSpend => -5200.50",
            "addDays(lastOrderDate, -0.0 - 7) => 2026-08-13",
            "totalSpend * -0.1 => -520.050",
            "(totalSpend - 200.50) / 1000 => 5.00",
            "points % 100 => 34",
            "name + '先生' => 王小明先生",
            "remark == null => true",
            "points == 1234.0 => true",
            "totalSpend > 5000 || isEmpty(phone) => true",
    })
    void legitimateExpressionsKeepWorking(String source, String expected) {
        Object value = eval(source);
        String actual = value instanceof BigDecimal n ? n.toPlainString() : String.valueOf(value);
        assertEquals(expected, actual, source);
    }

    @Test
    void declaredOutputsAreAssigned() {
        Evaluation e = run("level = totalSpend > 5000 ? '钻石' : level; discount = round(totalSpend * 0.8, 2); level",
                Set.of("level", "discount"));
        assertEquals("钻石", e.value());
        assertEquals("钻石", e.outputs().get("level"));
        assertEquals(new BigDecimal("4160.40"), e.outputs().get("discount"));
    }

    @Test
    void nowAndTheCurrentUserAreBuiltIn() {
        java.util.UUID user = java.util.UUID.randomUUID();
        CompiledExpression compiled = SANDBOX.compile("user.id == '" + user + "' && daysSince(now) == 0",
                new ExpressionContextType(types(), Set.of()));
        assertEquals(true, SANDBOX.run(compiled, new ExpressionContext(customer(), NOW, null, user)).value());
        assertEquals(false, SANDBOX.run(compiled, new ExpressionContext(customer(), NOW)).value());
    }

    @Test
    void conditionsAreTypedAsBooleans() {
        assertEquals(Boolean.class, SANDBOX.compile("totalSpend > 1", new ExpressionContextType(types(), Set.of())).resultType());
        assertEquals(Object.class, SANDBOX.compile("totalSpend + 1", new ExpressionContextType(types(), Set.of())).resultType());
    }

    @Test
    void compiledFormsAreCachedBySourceAndType() {
        ExpressionContextType type = new ExpressionContextType(types(), Set.of());
        assertTrue(SANDBOX.compile("points + 1", type) == SANDBOX.compile("points + 1", type));
    }
}
