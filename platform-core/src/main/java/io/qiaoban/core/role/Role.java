package io.qiaoban.core.role;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A named set of permissions inside one workspace. Built-in roles are seeded with each workspace. */
@Entity
public class Role extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    /** Set for the seeded roles (owner, builder, member, viewer); null for roles people create. */
    @Column(name = "builtin_key")
    public String builtinKey;
    public String name;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> permissions = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean allows(Permission permission) {
        // the owner holds every permission, including ones added after the workspace was made
        return isOwner() || permissions.contains(permission.key());
    }

    /** True when this role grants nothing beyond what {@code other} grants. */
    public boolean grantsNoMoreThan(Role other) {
        if (other.isOwner()) {
            return true;
        }
        return !isOwner() && other.permissions.containsAll(permissions);
    }

    public boolean isOwner() {
        return BuiltinRole.OWNER.key().equals(builtinKey);
    }
}
