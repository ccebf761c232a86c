package io.qiaoban.core.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Flyway is skipped at start only when its history holds exactly the application's migrations with
 * the checksums Flyway itself recorded; anything else lets Flyway run.
 */
@QuarkusTest
class SchemaMigrationsTest {
    @Inject
    AgroalDataSource db;

    @Test
    void theScriptsOnTheClassPathHaveTheChecksumsFlywayRecordedForThem() throws Exception {
        List<MigrationScripts.Script> scripts = MigrationScripts.onClassPath(getClass().getClassLoader(),
                List.of("db/migration/core")).orElseThrow();
        Map<String, Integer> recorded = history();
        assertTrue(scripts.contains(new MigrationScripts.Script("db/migration/core/V2026_11_24_1__core.sql", "2026.11.24.1",
                recorded.get("2026.11.24.1"))), "found: " + scripts);
        for (MigrationScripts.Script script : scripts) {
            // a database used by older builds may hold more (Flyway decides then); never less, never other checksums
            assertEquals(recorded.get(script.version()), script.checksum(), script.path());
        }
    }

    @Test
    void aHistoryThatHoldsExactlyTheScriptsIsCurrent() {
        List<MigrationScripts.Script> scripts = List.of(new MigrationScripts.Script("db/migration/core/V1__a.sql", "1", 7),
                new MigrationScripts.Script("db/migration/form/V2_1__b.sql", "2.1", -3));
        assertTrue(SchemaMigrations.covers(Map.of("1", 7, "2.1", -3), scripts));
        assertFalse(SchemaMigrations.covers(Map.of("1", 7), scripts), "a new script");
        assertFalse(SchemaMigrations.covers(Map.of("1", 7, "2.1", 4), scripts), "a changed script");
        assertFalse(SchemaMigrations.covers(Map.of("1", 7, "2.1", -3, "3", 1), scripts),
                "an applied script the application does not carry");
    }

    @Test
    void checksumsIgnoreLineEndingsAndAByteOrderMark() throws Exception {
        int unix = MigrationScripts.checksum(stream("create table t (id int);\nselect 1;\n"));
        assertEquals(unix, MigrationScripts.checksum(stream("create table t (id int);\r\nselect 1;\r\n")));
        assertEquals(unix, MigrationScripts.checksum(stream("\uFEFFcreate table t (id int);\nselect 1;")));
        assertTrue(unix != MigrationScripts.checksum(stream("create table t (id bigint);\nselect 1;\n")));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Integer> history() throws Exception {
        Map<String, Integer> recorded = new HashMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version, checksum from flyway_schema_history where success")) {
            while (rs.next()) {
                recorded.put(rs.getString(1), rs.getInt(2));
            }
        }
        return recorded;
    }
}
