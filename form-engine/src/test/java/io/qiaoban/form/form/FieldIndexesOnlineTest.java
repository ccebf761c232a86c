package io.qiaoban.form.form;

import static io.qiaoban.form.testing.Forms.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An index is built on a form that operators are writing to: records keep being saved while it is
 * built. A plain CREATE INDEX queues for a lock that every later write then queues behind; the
 * online build waits for the writes already running without making new ones wait.
 */
@QuarkusTest
class FieldIndexesOnlineTest {
    @Inject
    FieldIndexes indexes;
    @Inject
    AgroalDataSource db;

    @Test
    void recordsAreSavedWhileAnIndexIsBeingBuilt() throws Exception {
        Forms f = new Forms(TestUsers.platformAdmin(), "在线建索引");
        UUID form = UUID.fromString(f.publish("customer", "客户", List.of(field("city", "城市", "text"))));
        String name = FieldIndexes.name(form, "city");
        try (Connection running = db.getConnection()) {
            // an operator's save still open when the build starts
            running.setAutoCommit(false);
            insert(running, f.workspace, form, "杭州");

            CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
                try {
                    indexes.build(form, "city", Storage.TEXT, true);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waitUntilTheBuildWaitsForTheOpenSave(name);

            // a save that starts now is not held up by the build
            try (Connection next = db.getConnection(); Statement s = next.createStatement()) {
                s.execute("set lock_timeout = '5s'");
                try {
                    long started = System.nanoTime();
                    insert(next, f.workspace, form, "上海");
                    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "the save waited for the index build");
                } finally {
                    s.execute("reset lock_timeout"); // the connection goes back to the pool
                }
            }

            running.commit();
            build.get(60, TimeUnit.SECONDS);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select i.indisvalid from pg_class x join pg_index i on i.indexrelid = x.oid where x.relname = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the index exists");
                assertTrue(rs.getBoolean(1), "and is valid");
            }
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from record where form_id = ?")) {
            ps.setObject(1, form);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    private static void insert(Connection c, UUID workspace, UUID form, String city) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into record (id, workspace_id, form_id, form_version, data, version, created_at, updated_at)
                values (gen_random_uuid(), ?, ?, 1, jsonb_build_object('city', ?::text), 1, now(), now())""")) {
            ps.setObject(1, workspace);
            ps.setObject(2, form);
            ps.setString(3, city);
            ps.executeUpdate();
        }
    }

    /** The build is under way and waiting on a lock (of the open save). */
    private void waitUntilTheBuildWaitsForTheOpenSave(String index) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) from pg_stat_activity
                 where query ilike 'create index%' and query like '%' || ? || '%' and wait_event_type = 'Lock'""")) {
            ps.setString(1, index);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the index build did not start");
    }
}
