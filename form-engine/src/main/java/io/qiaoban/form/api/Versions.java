package io.qiaoban.form.api;

import io.qiaoban.core.problem.ProblemException;

/** Reads If-Match headers: a version number, quoted or weak ("3", "\"3\"", W/"3"); anything else is stale. */
final class Versions {
    private Versions() {
    }

    static Integer ifMatch(String header) {
        Long v = ifMatchLong(header);
        return v == null ? null : (int) Math.min(Integer.MAX_VALUE, v);
    }

    static Long ifMatchLong(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "stale", header.length() > 40 ? header.substring(0, 40) : header);
        }
    }
}
