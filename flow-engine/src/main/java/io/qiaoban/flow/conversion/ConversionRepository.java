package io.qiaoban.flow.conversion;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Counts a flow's instances by version and by A/B variant (the variant each drew is in its {@code variants}). */
@ApplicationScoped
public class ConversionRepository {
    private static final String COUNTS = "count(*), count(i.goal_reached_at), count(*) filter (where i.state = 'running'), "
            + "count(*) filter (where i.exit_reason = 'condition')";

    private final AgroalDataSource db;

    ConversionRepository(AgroalDataSource db) {
        this.db = db;
    }

    List<Conversion.Row> byVersion(UUID workspaceId, UUID flowId) throws SQLException {
        return rows("select i.version, null, null, " + COUNTS + " from flow_instance i"
                + " where i.workspace_id = ? and i.flow_id = ? group by i.version order by i.version", workspaceId, flowId);
    }

    List<Conversion.Row> byVariant(UUID workspaceId, UUID flowId) throws SQLException {
        return rows("select i.version, v.key, v.value, " + COUNTS + " from flow_instance i, jsonb_each_text(i.variants) v"
                + " where i.workspace_id = ? and i.flow_id = ? group by i.version, v.key, v.value order by 1, 2, 3", workspaceId,
                flowId);
    }

    private List<Conversion.Row> rows(String sql, UUID workspaceId, UUID flowId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, workspaceId);
            ps.setObject(2, flowId);
            List<Conversion.Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Conversion.Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7)));
                }
            }
            return rows;
        }
    }
}
