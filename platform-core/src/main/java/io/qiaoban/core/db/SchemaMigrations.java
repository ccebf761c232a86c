package io.qiaoban.core.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

/**
 * Brings the schema up to date at start, before anything else touches the database. Flyway runs only
 * when its schema history does not already hold every migration the application carries, each
 * applied successfully with the same checksum, and nothing else: on the usual start of an unchanged
 * application that check is one query, where starting Flyway to find out took most of a second of
 * every start (docs/performance.md). Whenever the check cannot tell, Flyway decides, as it would
 * have (migrate, validate, refuse). It runs before any other start-up observer and before the HTTP
 * server opens.
 */
@ApplicationScoped
public class SchemaMigrations {
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
    private static final String UNDEFINED_TABLE = "42P01";

    private final AgroalDataSource db;
    private final List<String> locations;
    private final List<String> ignorePatterns;

    SchemaMigrations(AgroalDataSource db,
            @ConfigProperty(name = "qiaoban.db.migrations.locations") List<String> locations,
            @ConfigProperty(name = "qiaoban.db.migrations.ignore-patterns") Optional<List<String>> ignorePatterns) {
        this.db = db;
        this.locations = locations;
        this.ignorePatterns = ignorePatterns.orElse(List.of());
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) throws SQLException {
        if (!current()) {
            flyway().migrate();
        }
    }

    /**
     * Flyway over the application's folders. Out of order: a database first migrated by an application
     * with fewer modules (the bench harness, a module's tests) lacks the other modules' older versions,
     * which then apply instead of failing.
     */
    private Flyway flyway() {
        FluentConfiguration config = Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(db)
                .locations(locations.toArray(String[]::new))
                .outOfOrder(true);
        if (!ignorePatterns.isEmpty()) {
            config.ignoreMigrationPatterns(ignorePatterns.toArray(String[]::new));
        }
        return config.load();
    }

    /** Whether the schema history holds exactly the application's migrations, applied as they are now. */
    public boolean current() throws SQLException {
        Optional<List<MigrationScripts.Script>> scripts = MigrationScripts.onClassPath(
                Thread.currentThread().getContextClassLoader(), locations);
        if (scripts.isEmpty()) {
            LOG.debug("Migrations could not be listed: Flyway checks the schema");
            return false;
        }
        return applied().map(history -> covers(history, scripts.get())).orElse(false);
    }

    /**
     * Whether the history (version to checksum, as Flyway validates it) holds these scripts with these
     * checksums, and nothing else.
     */
    static boolean covers(Map<String, Integer> history, List<MigrationScripts.Script> scripts) {
        if (history.size() != scripts.size()) {
            return false;
        }
        for (MigrationScripts.Script script : scripts) {
            Integer checksum = history.get(script.version());
            if (checksum == null || checksum != script.checksum()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Versions and checksums of the history, when every entry is a successful SQL migration; empty when
     * there is no history yet or it holds anything else (a failure, a baseline, repeatables).
     */
    private Optional<Map<String, Integer>> applied() throws SQLException {
        Map<String, Integer> applied = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select version, checksum, type = 'SQL' and success and version is not null from flyway_schema_history");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!rs.getBoolean(3) || applied.put(rs.getString(1), rs.getInt(2)) != null) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty(); // a new database
            }
            throw e;
        }
        return Optional.of(applied);
    }
}
