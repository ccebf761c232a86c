package io.qiaoban.core.workspace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.expression.ExpressionContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The time zone a workspace counts days in ("today", "within 30 days", serial numbers per day, quiet
 * hours). Read often and changed rarely: cached for a minute.
 */
@ApplicationScoped
public class WorkspaceZones {
    private final Cache<UUID, ZoneId> zones = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000).build();
    private final AgroalDataSource db;

    WorkspaceZones(AgroalDataSource db) {
        this.db = db;
    }

    public ZoneId zone(UUID workspaceId) {
        return zones.get(workspaceId, this::load);
    }

    private ZoneId load(UUID workspaceId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select time_zone from workspace where id = ?")) {
            ps.setObject(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? ZoneId.of(rs.getString(1)) : ExpressionContext.DEFAULT_ZONE;
            }
        } catch (SQLException | DateTimeException e) {
            return ExpressionContext.DEFAULT_ZONE;
        }
    }
}
