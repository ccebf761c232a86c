package io.qiaoban.form.query;

import static io.qiaoban.form.testing.Forms.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.testing.TestUsers;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.form.FieldIndexes;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.testing.Forms;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

/**
 * A records page is the busiest query of the platform: PostgreSQL must be able to keep one plan of it
 * per connection instead of planning it again on every request, which cost as much as running it
 * (bench, docs/performance.md). Checked on the server's own account of a prepared statement.
 */
@QuarkusTest
class RecordPagePlanTest {
    @Inject
    RecordQueries queries;
    @Inject
    FormRepository forms;
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper json;
    @Inject
    FieldIndexes indexes;

    @Test
    void aPageKeepsOnePlanAcrossRequestsInsteadOfBeingPlannedEachTime() throws Exception {
        Forms f = new Forms(TestUsers.platformAdmin(), "计划测试");
        String formId = f.publish("planned", "大客户", List.of(
                field("name", "名称", "text"),
                field("spend", "累计消费", "money", "indexed", true)));
        PublishedForm form = forms.publishedById(f.workspace, UUID.fromString(formId)).orElseThrow();
        // enough records for the plans to differ: with a handful any plan is as cheap as any other
        try (Connection c = db.getConnection(); Statement analyze = c.createStatement(); PreparedStatement ps = c.prepareStatement("""
                insert into record (id, workspace_id, form_id, form_version, data, version, created_at, updated_at)
                select gen_random_uuid(), ?, ?, 1, jsonb_build_object('name', '客户' || n, 'spend', n), 1, now(), now()
                  from generate_series(1, 20000) n""")) {
            ps.setObject(1, f.workspace);
            ps.setObject(2, form.formId());
            ps.executeUpdate();
            analyze.execute("analyze record");
        }
        indexes.build(form.formId(), "spend", Storage.NUMBER, true);
        RecordQueries.ListRequest request = new RecordQueries.ListRequest(
                json.readTree("{\"field\":\"spend\",\"op\":\"gt\",\"value\":15000}"), "-spend", null, 10, false);
        RecordQueries.PageStatement statement = queries.statement(form, FormAccess.system(), request, List.of());

        try (Connection c = db.getConnection()) {
            // PostgreSQL plans a prepared statement afresh for its first five runs, then keeps its generic plan
            // unless that looks dearer than planning each time
            for (int run = 0; run < 10; run++) {
                try (PreparedStatement ps = statement.prepare(c)) {
                    ps.unwrap(PGStatement.class).setPrepareThreshold(1);
                    int rows = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    assertEquals(11, rows, "ten asked for and one to tell that a next page exists");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select generic_plans, custom_plans from pg_prepared_statements where statement like ?""")) {
                ps.setString(1, "%from record r where r.form_id = '" + formId + "'%");
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), "the page ran as a prepared statement");
                    assertTrue(rs.getLong(1) >= 4, "the page's generic plan was kept, but it was planned each time: "
                            + rs.getLong(2) + " custom plans, " + rs.getLong(1) + " generic");
                }
            }
        }
    }
}
