package io.qiaoban.core.validation;

import io.qiaoban.core.problem.ProblemException;

/** Small checks on request fields; each failure names the field and is answered as a 400 problem. */
public final class Check {
    private Check() {
    }

    /** A required display name: trimmed, not blank, at most {@code max} characters, no control characters. */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "required");
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw ProblemException.invalid(field, "too-long", max);
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid(field, "control-characters");
        }
        return trimmed;
    }

    /** An optional text: null stays null, blank becomes null. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw ProblemException.invalid(field, "too-long", max);
        }
        if (trimmed.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n' && ch != '\t')) {
            throw ProblemException.invalid(field, "control-characters");
        }
        return trimmed;
    }

    /** A login name: 3 to 64 letters, digits, '.', '_', '-' or '@'. */
    public static String username(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(field, "required");
        }
        String trimmed = value.strip();
        if (!trimmed.matches("[A-Za-z0-9._@-]{3,64}")) {
            throw ProblemException.invalid(field, "username-format");
        }
        return trimmed;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ProblemException.invalid(field, "required");
        }
        return value;
    }
}
