package io.qiaoban.core.web;

import io.qiaoban.core.problem.ProblemException;
import java.util.List;
import java.util.Locale;

/** One page of a list: items, total count, and the page asked for. */
public record Page<T>(List<T> items, long total, int page, int size) {
    public static final int MAX_SIZE = 200;

    public static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "out-of-range", 0, Integer.MAX_VALUE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "out-of-range", 1, MAX_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw ProblemException.invalid("page", "out-of-range", 0, Integer.MAX_VALUE / size);
        }
    }

    /** An optional event-type style filter: dotted lower-case words, or nothing. */
    public static String typeFilter(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("[a-z][a-z0-9.-]{0,59}")) {
            throw ProblemException.invalid(field, "unknown-value", value.length() > 60 ? value.substring(0, 60) : value);
        }
        return value;
    }

    public static <E extends Enum<E>> E enumParam(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "unknown-value", value);
        }
    }
}
