package io.qiaoban.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The server an operator named in QIAOBAN_DB_URL, tried once before the application starts. A wrong
 * address, user, password or database name then ends the start with one sentence saying which setting
 * to fix, instead of the hundred lines of connection-pool, Hibernate and start-up stack traces the
 * first query would log. The check costs one connection; the driver's classes it loads are the ones
 * the application loads next anyway.
 */
public final class ConfiguredDatabase {
    private static final int TIMEOUT_SECONDS = 10;

    private ConfiguredDatabase() {
    }

    /** Exits with status 1 and a message when QIAOBAN_DB_URL is set and that database cannot be used. */
    public static void checkOrExit() {
        String url = System.getenv("QIAOBAN_DB_URL");
        if (url == null || url.isBlank()) {
            return;
        }
        problem(url.strip(), System.getenv("QIAOBAN_DB_USER"), System.getenv("QIAOBAN_DB_PASSWORD")).ifPresent(message -> {
            System.err.println(message);
            System.exit(1);
        });
    }

    /** What keeps the application from using this database, in the operator's terms; empty when it can. */
    static Optional<String> problem(String url, String user, String password) {
        String shown = withoutParameters(url);
        if (!url.startsWith("jdbc:postgresql:")) {
            return Optional.of("QIAOBAN_DB_URL (" + shown + ") is not a PostgreSQL JDBC address; it looks like "
                    + "jdbc:postgresql://host:5432/qiaoban. Without QIAOBAN_DB_URL Qiaoban runs its own embedded PostgreSQL.");
        }
        Properties login = new Properties();
        if (user != null && !user.isBlank()) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        login.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(url, login)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(explain(e, shown, user));
        }
    }

    private static String explain(SQLException e, String shown, String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // the driver appends the server's source location and SQLSTATE on further lines
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        if (state.startsWith("28")) {
            String who = user == null || user.isBlank() ? "without QIAOBAN_DB_USER" : "the user '" + user + "'";
            return "The database server in QIAOBAN_DB_URL (" + shown + ") refused " + who + ": " + reason
                    + ". Check QIAOBAN_DB_USER and QIAOBAN_DB_PASSWORD.";
        }
        if (state.equals("3D000")) {
            return "The database named in QIAOBAN_DB_URL (" + shown + ") does not exist on that server: " + reason
                    + ". Create it (for example: createdb -O <user> <name>) or name another one.";
        }
        if (state.startsWith("08")) {
            return "Qiaoban cannot connect to the database server in QIAOBAN_DB_URL (" + shown + "): " + reason
                    + " Start that server or correct QIAOBAN_DB_URL; without QIAOBAN_DB_URL Qiaoban runs its own"
                    + " embedded PostgreSQL.";
        }
        return "Qiaoban cannot use the database in QIAOBAN_DB_URL (" + shown + "): " + reason
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }

    /** The address without its parameters, which may carry a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
