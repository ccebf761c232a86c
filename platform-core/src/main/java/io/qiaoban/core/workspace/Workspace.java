package io.qiaoban.core.workspace;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.UUID;

/** A tenant: everything a team builds and stores lives in exactly one workspace. */
@Entity
public class Workspace extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
