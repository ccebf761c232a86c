package io.qiaoban.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The server an operator named in QIAOBAN_DB_URL, tried once before the application starts. A wrong
 * address, user, password or database name, or a database holding another application's tables, then
 * ends the start with one sentence saying what to fix, instead of the hundred lines of connection-pool,
 * Hibernate, Flyway and start-up stack traces the first query would log. The check costs one
 * connection; the driver's classes it loads are the ones the application loads next anyway.
 */
public final class ConfiguredDatabase {
    private static final int TIMEOUT_SECONDS = 10;
    /** The datasource's user when QIAOBAN_DB_USER is not set (microprofile-config.properties). */
    static final String DEFAULT_USER = "qiaoban";

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
        String who = user == null || user.isBlank() ? DEFAULT_USER : user;
        Properties login = new Properties();
        login.setProperty("user", who);
        if (password != null) {
            login.setProperty("password", password);
        }
        login.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        try (Connection c = DriverManager.getConnection(url, login)) {
            return holdsForeignTables(c) ? Optional.of("The database in QIAOBAN_DB_URL (" + shown + ") holds tables that"
                    + " Qiaoban did not create. Qiaoban needs an empty database or one of its own: point QIAOBAN_DB_URL at"
                    + " one, or unset it to use the embedded PostgreSQL.") : Optional.empty();
        } catch (SQLException e) {
            return Optional.of(explain(e, url, shown, who).replaceAll("(?i)(password=)[^&\\s]*", "$1******"));
        }
    }

    /**
     * Tables in the schema Flyway would migrate, without Flyway's history: another application's. Flyway
     * would refuse them with a stack trace and the advice to "baseline", which would let Qiaoban write
     * among them.
     */
    private static boolean holdsForeignTables(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select exists (select 1 from pg_class t join pg_namespace n on n.oid = t.relnamespace
                               where n.nspname = current_schema() and t.relkind in ('r', 'p', 'v', 'm'))
                   and to_regclass(quote_ident(current_schema()) || '.flyway_schema_history') is null""");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static String explain(SQLException e, String url, String shown, String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // the driver appends the server's source location and SQLSTATE on further lines, and may quote
        // the whole address (parameters, a password among them) when it cannot read it
        String reason = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("").replace(url, shown).replaceAll("\\.$", "");
        // 08004: the server asked for a password none was given for
        if (state.startsWith("28") || state.equals("08004")) {
            return "The database server in QIAOBAN_DB_URL (" + shown + ") refused the user '" + user + "': " + reason
                    + ". Check QIAOBAN_DB_USER and QIAOBAN_DB_PASSWORD.";
        }
        if (state.equals("3D000")) {
            return "The database named in QIAOBAN_DB_URL (" + shown + ") does not exist on that server: " + reason
                    + ". Create it (for example: createdb -O <user> <name>) or name another one.";
        }
        if (state.startsWith("08")) {
            return "Qiaoban cannot connect to the database server in QIAOBAN_DB_URL (" + shown + "): " + reason
                    + ". Start that server or correct QIAOBAN_DB_URL; without QIAOBAN_DB_URL Qiaoban runs its own"
                    + " embedded PostgreSQL.";
        }
        return "Qiaoban cannot use the database in QIAOBAN_DB_URL (" + shown + "): " + reason
                + (state.isEmpty() ? "." : " (SQLSTATE " + state + ").");
    }

    /** The address without its parameters, which may carry a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
