package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The function library: date math, aggregation over lists, numbers, text and null handling. Numbers
 * are BigDecimal in and out; a null argument gives null (as an empty cell does in a spreadsheet)
 * unless the function is about nulls.
 */
final class BuiltinFunctions {
    private BuiltinFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                // dates
                fn("today", "今天", "date", 0, 0, "today()", "今天的日期（工作区时区）", "Today's date in the workspace's time zone",
                        "today()", (a, c) -> c.today()),
                fn("daysSince", "距今天数", "date", 1, 1, "daysSince(date)", "从该日期到今天过了多少天", "Days from the date until today",
                        "daysSince(lastOrderDate) > 90", (a, c) -> {
                            LocalDate d = Values.toDate(a[0], c.zone(), c.function(), c.position());
                            return d == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(d, c.today()));
                        }),
                fn("daysBetween", "相差天数", "date", 2, 2, "daysBetween(from, to)", "两个日期相差的天数（to - from）",
                        "Days from the first date to the second", "daysBetween(firstOrderDate, lastOrderDate)", (a, c) -> {
                            LocalDate from = Values.toDate(a[0], c.zone(), c.function(), c.position());
                            LocalDate to = Values.toDate(a[1], c.zone(), c.function(), c.position());
                            return from == null || to == null ? null : BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to));
                        }),
                fn("addDays", "加天数", "date", 2, 2, "addDays(date, days)", "日期加上天数（可为负数）", "The date plus a number of days (may be negative)",
                        "addDays(today(), 7)", (a, c) -> {
                            LocalDate d = Values.toDate(a[0], c.zone(), c.function(), c.position());
                            return d == null || a[1] == null ? null : d.plusDays(Values.toInt(a[1], c.function(), c.position()));
                        }),
                fn("monthOf", "月份", "date", 1, 1, "monthOf(date)", "日期的月份（1-12）", "The month of a date (1-12)",
                        "monthOf(birthday) == monthOf(today())", (a, c) -> {
                            LocalDate d = Values.toDate(a[0], c.zone(), c.function(), c.position());
                            return d == null ? null : BigDecimal.valueOf(d.getMonthValue());
                        }),
                fn("yearOf", "年份", "date", 1, 1, "yearOf(date)", "日期的年份", "The year of a date",
                        "yearOf(firstOrderDate)", (a, c) -> {
                            LocalDate d = Values.toDate(a[0], c.zone(), c.function(), c.position());
                            return d == null ? null : BigDecimal.valueOf(d.getYear());
                        }),
                // aggregation
                fn("sum", "求和", "list", 1, 2, "sum(list, 'field')", "列表中数值（或各行某字段）的合计", "Total of a list's numbers, or of one field of its rows",
                        "sum(orders, 'amount') > 5000", (a, c) -> aggregate(a, c, Aggregate.SUM)),
                fn("count", "计数", "list", 1, 1, "count(list)", "列表的元素个数", "Number of elements in a list",
                        "count(orders) >= 2", (a, c) -> a[0] == null ? BigDecimal.ZERO : BigDecimal.valueOf(list(a[0], c).size())),
                fn("avg", "平均值", "list", 1, 2, "avg(list, 'field')", "平均值（空值不计）", "Average, ignoring empty values",
                        "avg(orders, 'amount')", (a, c) -> aggregate(a, c, Aggregate.AVG)),
                fn("max", "最大值", "list", 1, 2, "max(list, 'field')", "最大值（数字或日期）", "Largest value (numbers or dates)",
                        "max(orders, 'paidAt')", (a, c) -> aggregate(a, c, Aggregate.MAX)),
                fn("min", "最小值", "list", 1, 2, "min(list, 'field')", "最小值（数字或日期）", "Smallest value (numbers or dates)",
                        "min(orders, 'amount')", (a, c) -> aggregate(a, c, Aggregate.MIN)),
                // numbers
                fn("round", "四舍五入", "number", 1, 2, "round(number, digits)", "四舍五入到指定小数位（默认 0）", "Rounds half up to the given decimals (default 0)",
                        "round(amount * 0.8, 2)", (a, c) -> {
                            BigDecimal n = Values.toNumber(a[0], c.function(), c.position());
                            int digits = a.length > 1 ? Values.toInt(a[1], c.function(), c.position()) : 0;
                            if (digits < -20 || digits > 20) {
                                throw new ExpressionException("expression.argumentType", c.position(), c.function(), "@type.digits", digits);
                            }
                            return n == null ? null : n.setScale(digits, RoundingMode.HALF_UP);
                        }),
                fn("floor", "向下取整", "number", 1, 1, "floor(number)", "向下取整", "Rounds down to a whole number",
                        "floor(points / 100)", (a, c) -> scale0(a[0], c, RoundingMode.FLOOR)),
                fn("ceil", "向上取整", "number", 1, 1, "ceil(number)", "向上取整", "Rounds up to a whole number",
                        "ceil(weight)", (a, c) -> scale0(a[0], c, RoundingMode.CEILING)),
                fn("abs", "绝对值", "number", 1, 1, "abs(number)", "绝对值", "Absolute value",
                        "abs(balance)", (a, c) -> {
                            BigDecimal n = Values.toNumber(a[0], c.function(), c.position());
                            return n == null ? null : n.abs();
                        }),
                // text
                fn("len", "长度", "text", 1, 1, "len(text)", "文本的字数（列表则为元素个数）", "Length of a text (or size of a list)",
                        "len(phone) == 11", (a, c) -> a[0] == null ? BigDecimal.ZERO
                                : a[0] instanceof Collection<?> l ? BigDecimal.valueOf(l.size())
                                : BigDecimal.valueOf(Values.toText(a[0]).codePointCount(0, Values.toText(a[0]).length()))),
                fn("contains", "包含", "text", 2, 2, "contains(textOrList, part)", "文本包含某段文字，或列表包含某个值", "A text contains a part, or a list contains a value",
                        "contains(tags, 'VIP')", (a, c) -> {
                            if (a[0] == null || a[1] == null) {
                                return false;
                            }
                            if (a[0] instanceof Collection<?> l) {
                                for (Object e : l) {
                                    c.tick();
                                    if (same(Values.normalize(e), a[1])) {
                                        return true;
                                    }
                                }
                                return false;
                            }
                            return Values.toText(a[0]).contains(Values.toText(a[1]));
                        }),
                fn("startsWith", "开头是", "text", 2, 2, "startsWith(text, prefix)", "文本以某段文字开头", "A text starts with a prefix",
                        "startsWith(phone, '138')", (a, c) -> a[0] != null && a[1] != null
                                && Values.toText(a[0]).startsWith(Values.toText(a[1]))),
                fn("upper", "大写", "text", 1, 1, "upper(text)", "转为大写", "Upper case", "upper(sku)",
                        (a, c) -> a[0] == null ? null : Values.toText(a[0]).toUpperCase(Locale.ROOT)),
                fn("lower", "小写", "text", 1, 1, "lower(text)", "转为小写", "Lower case", "lower(email)",
                        (a, c) -> a[0] == null ? null : Values.toText(a[0]).toLowerCase(Locale.ROOT)),
                fn("trim", "去空格", "text", 1, 1, "trim(text)", "去掉首尾空白", "Removes leading and trailing blanks", "trim(name)",
                        (a, c) -> a[0] == null ? null : Values.toText(a[0]).strip()),
                fn("concat", "连接", "text", 1, 10, "concat(a, b, ...)", "把多段文字连在一起（空值当作空文字）", "Joins texts (empty values count as empty text)",
                        "concat(province, city, district)", (a, c) -> {
                            StringBuilder out = new StringBuilder();
                            for (Object part : a) {
                                if (part != null) {
                                    out.append(Values.toText(part));
                                }
                            }
                            String joined = out.toString();
                            c.charge(joined);
                            return joined;
                        }),
                fn("substr", "截取", "text", 2, 3, "substr(text, start, length)", "从第 start 个字（从 0 起）截取 length 个字", "Part of a text from start (0-based), length characters",
                        "substr(phone, 7, 4)", (a, c) -> {
                            if (a[0] == null) {
                                return null;
                            }
                            String s = Values.toText(a[0]);
                            int cps = s.codePointCount(0, s.length());
                            int start = Math.max(0, Math.min(cps, Values.toInt(a[1], c.function(), c.position())));
                            int length = a.length > 2 ? Math.max(0, Values.toInt(a[2], c.function(), c.position())) : cps - start;
                            int end = (int) Math.min(cps, (long) start + length);
                            return s.substring(s.offsetByCodePoints(0, start), s.offsetByCodePoints(0, end));
                        }),
                // nulls
                fn("ifNull", "为空时", "null", 2, 2, "ifNull(value, fallback)", "值为空时用备用值", "The value, or the fallback when it is empty",
                        "ifNull(level, '普通')", (a, c) -> isEmptyValue(a[0]) ? a[1] : a[0]),
                fn("isEmpty", "是否为空", "null", 1, 1, "isEmpty(value)", "值为空（空值、空文字、空列表）", "Whether a value is empty (null, blank text, empty list)",
                        "isEmpty(phone)", (a, c) -> isEmptyValue(a[0])));
    }

    private static ExpressionFunction fn(String name, String alias, String category, int min, int max, String signature,
            String zh, String en, String example, ExpressionFunction.Body body) {
        return new ExpressionFunction(name, alias, category, min, max, signature, zh, en, example, body);
    }

    private static boolean isEmptyValue(Object v) {
        return v == null || v instanceof String s && s.isBlank() || v instanceof Collection<?> c && c.isEmpty()
                || v instanceof Map<?, ?> m && m.isEmpty();
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a != null && a.equals(b);
    }

    private static BigDecimal scale0(Object value, ExpressionFunction.Call c, RoundingMode mode) {
        BigDecimal n = Values.toNumber(value, c.function(), c.position());
        return n == null ? null : n.setScale(0, mode);
    }

    private static List<?> list(Object value, ExpressionFunction.Call c) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ExpressionException("expression.argumentType", c.position(), c.function(), "@type.list", Values.typeName(value));
    }

    private enum Aggregate { SUM, AVG, MAX, MIN }

    private static Object aggregate(Object[] a, ExpressionFunction.Call c, Aggregate kind) {
        if (a[0] == null) {
            return kind == Aggregate.SUM ? BigDecimal.ZERO : null;
        }
        List<?> rows = list(a[0], c);
        String field = a.length > 1 && a[1] != null ? Values.toText(a[1]) : null;
        BigDecimal total = BigDecimal.ZERO;
        int counted = 0;
        Comparable<Object> best = null;
        for (Object row : rows) {
            c.tick();
            Object v = field == null ? row : row instanceof Map<?, ?> m ? m.get(field) : null;
            v = Values.normalize(v);
            if (v == null) {
                continue;
            }
            if (kind == Aggregate.MAX || kind == Aggregate.MIN) {
                Object comparable = v instanceof String s ? dateOrText(s, c) : v;
                if (!(comparable instanceof BigDecimal || comparable instanceof LocalDate || comparable instanceof Instant
                        || comparable instanceof String)) {
                    throw new ExpressionException("expression.argumentType", c.position(), c.function(), "@type.number", Values.typeName(v));
                }
                @SuppressWarnings("unchecked")
                Comparable<Object> cv = (Comparable<Object>) comparable;
                if (best != null && best.getClass() != cv.getClass()) {
                    throw new ExpressionException("expression.argumentType", c.position(), c.function(), "@type.number", Values.typeName(v));
                }
                if (best == null || (kind == Aggregate.MAX ? cv.compareTo(best) > 0 : cv.compareTo(best) < 0)) {
                    best = cv;
                }
            } else {
                total = total.add(Values.toNumber(v, c.function(), c.position()));
                counted++;
            }
        }
        return switch (kind) {
            case SUM -> total;
            case AVG -> counted == 0 ? null : total.divide(BigDecimal.valueOf(counted), MathContext.DECIMAL128);
            case MAX, MIN -> best;
        };
    }

    /** Dates written as text ("2026-11-24") compare as dates, other text as text. */
    private static Object dateOrText(String s, ExpressionFunction.Call c) {
        if (s.length() >= 10 && Character.isDigit(s.charAt(0)) && s.charAt(4) == '-') {
            try {
                return Values.toDate(s, c.zone(), c.function(), c.position());
            } catch (ExpressionException notADate) {
                return s;
            }
        }
        return s;
    }
}
