package io.qiaoban.core.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One security-relevant event: who did what, when, from where. Never updated, never deleted by the app. */
@Entity
@Table(name = "audit_log")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public Instant at;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    @Column(name = "actor_id")
    public UUID actorId;
    @Column(name = "actor_name")
    public String actorName;
    public String type;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> detail;
    public String ip;
}
