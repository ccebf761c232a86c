package io.qiaoban.bench;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.auth.CurrentCaller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reference the record benchmarks compare with: the same HTTP stack, JSON and session check, then
 * one plain JDBC statement on a typed table (no validation, formula, history, events or permissions).
 */
@Path("/bench/typed-records")
public class TypedRecordResource {
    public record TypedRecord(String name, String city, Integer qty, BigDecimal price, BigDecimal spend) {
    }

    private final AgroalDataSource db;
    private final CurrentCaller caller;

    TypedRecordResource(AgroalDataSource db, CurrentCaller caller) {
        this.db = db;
        this.caller = caller;
    }

    @POST
    public Response create(TypedRecord r) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into bench_typed_record (id, name, city, qty, price, total, spend, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, r.name());
            ps.setString(3, r.city());
            ps.setObject(4, r.qty());
            ps.setBigDecimal(5, r.price());
            ps.setBigDecimal(6, r.price() == null || r.qty() == null ? null : r.price().multiply(BigDecimal.valueOf(r.qty())));
            ps.setBigDecimal(7, r.spend());
            ps.setObject(8, caller.get().id());
            ps.setTimestamp(9, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        return Response.status(201).entity(Map.of("id", id)).build();
    }

    /** A page of 50: spend above a value, highest first, every column (the typed twin of the records page). */
    @GET
    public List<Map<String, Object>> page(@QueryParam("minSpend") BigDecimal minSpend) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, name, city, qty, price, total, spend, created_by, created_at from bench_typed_record
                 where spend > ? order by spend desc, id desc limit 50""")) {
            ps.setBigDecimal(1, minSpend);
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // every column, as a record page returns every field of its records
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", rs.getObject(1));
                    row.put("name", rs.getString(2));
                    row.put("city", rs.getString(3));
                    row.put("qty", rs.getObject(4));
                    row.put("price", rs.getBigDecimal(5));
                    row.put("total", rs.getBigDecimal(6));
                    row.put("spend", rs.getBigDecimal(7));
                    row.put("createdBy", rs.getObject(8));
                    row.put("createdAt", rs.getTimestamp(9).toInstant());
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
