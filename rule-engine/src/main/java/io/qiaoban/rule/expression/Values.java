package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The few kinds of value an expression ever sees: text, number (always BigDecimal, so money never
 * goes through double), boolean, date, date-time (Instant), list, record (Map) and null. Values
 * from outside are brought to these kinds when read; anything else is refused, so no object with
 * methods worth calling ever enters an expression.
 */
public final class Values {
    private Values() {
    }

    /**
     * Numbers an expression may hold: at most 100 digits before and after the point. BigDecimal work
     * (rounding, remainders, printing) grows with the exponent, and "1e99999999" is a short text.
     */
    static final int MAX_DIGITS = 100;

    static BigDecimal checkSize(BigDecimal n, int position) {
        if (n.scale() > MAX_DIGITS || n.scale() < -MAX_DIGITS || n.precision() - n.scale() > MAX_DIGITS) {
            throw new ExpressionException("expression.numberTooLarge", position, MAX_DIGITS);
        }
        return n;
    }

    /** Brings a value read from a context to one of the expression kinds. */
    public static Object normalize(Object value) {
        if (value instanceof BigDecimal n) {
            return checkSize(n, -1);
        }
        if (value == null || value instanceof String || value instanceof Boolean
                || value instanceof LocalDate || value instanceof Instant || value instanceof Map<?, ?>
                || value instanceof List<?>) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new ExpressionException("expression.unsupportedValue", -1, String.valueOf(d));
            }
            return checkSize(BigDecimal.valueOf(d), -1);
        }
        if (value instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) {
                throw new ExpressionException("expression.unsupportedValue", -1, String.valueOf(f));
            }
            return checkSize(new BigDecimal(Float.toString(f)), -1);
        }
        if (value instanceof BigInteger b) {
            return checkSize(new BigDecimal(b), -1);
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime t) {
            return t.toInstant();
        }
        if (value instanceof Character || value instanceof Enum<?> || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        throw new ExpressionException("expression.unsupportedValue", -1, value.getClass().getSimpleName());
    }

    public static BigDecimal toNumber(Object value, String function, int position) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        Object normalized = normalize(value);
        if (normalized instanceof BigDecimal n) {
            return n;
        }
        if (normalized instanceof String s && !s.isBlank() && s.length() <= 2 * MAX_DIGITS + 2) {
            BigDecimal parsed = null;
            try {
                parsed = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (parsed != null) {
                return checkSize(parsed, position);
            }
        }
        throw new ExpressionException("expression.argumentType", position, function, "@type.number", typeName(normalized));
    }

    /** A date in the given zone; text in ISO form (2026-11-24, or a date-time) is read too. */
    public static LocalDate toDate(Object value, ZoneId zone, String function, int position) {
        if (value == null || value instanceof LocalDate) {
            return (LocalDate) value;
        }
        Object normalized = normalize(value);
        if (normalized instanceof Instant i) {
            return i.atZone(zone).toLocalDate();
        }
        if (normalized instanceof String s) {
            Instant instant = parseDateTime(s.trim(), zone);
            if (instant != null) {
                return instant.atZone(zone).toLocalDate();
            }
            try {
                return LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        throw new ExpressionException("expression.argumentType", position, function, "@type.date", typeName(normalized));
    }

    private static Instant parseDateTime(String s, ZoneId zone) {
        if (s.length() <= 10) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(s).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                return null;
            }
        }
    }

    public static String toText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal n) {
            return n.toPlainString();
        }
        return String.valueOf(value);
    }

    public static int toInt(Object value, String function, int position) {
        BigDecimal n = toNumber(value, function, position);
        if (n == null) {
            throw new ExpressionException("expression.argumentType", position, function, "@type.number", "null");
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new ExpressionException("expression.argumentType", position, function, "@type.integer", "@type.number");
        }
    }

    /** The kind of a value as the formula editor shows it: number, text, boolean, date, datetime, list, record, null. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return "text";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof LocalDateTime) {
            return "datetime";
        }
        if (value instanceof Collection<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "record";
        }
        return "unknown";
    }

    /** How much reading a value costs against the read budget: its characters or its elements. */
    static long size(Object value) {
        if (value instanceof String s) {
            return s.length();
        }
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        return 1;
    }
}
