package io.qiaoban.core.web;

import io.qiaoban.core.problem.ProblemException;

/**
 * Reads an If-Match header carrying a version number: "3", "\"3\"" or W/"3". No header: null (no
 * check). Anything else cannot match the current version: 412.
 */
public final class IfMatch {
    private IfMatch() {
    }

    public static Long version(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "stale", header.length() > 40 ? header.substring(0, 40) : header);
        }
    }

    /** The same for versions counted in an int (drafts); a number beyond int cannot match either. */
    public static Integer intVersion(String header) {
        Long v = version(header);
        return v == null ? null : (int) Math.min(Integer.MAX_VALUE, v);
    }
}
