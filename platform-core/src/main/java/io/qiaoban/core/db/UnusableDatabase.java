package io.qiaoban.core.db;

/**
 * The configured database cannot serve the application, for a reason the operator fixes in its
 * settings or on the server (another application's tables, a changed migration). The launcher prints
 * the message alone: it is a setting to fix, not a bug to report, so it carries no stack trace.
 */
public final class UnusableDatabase extends RuntimeException {
    public UnusableDatabase(String message) {
        super(message, null, false, false);
    }
}
