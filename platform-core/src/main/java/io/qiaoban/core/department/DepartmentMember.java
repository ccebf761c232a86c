package io.qiaoban.core.department;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A member's seat in a department. Rows are written with SQL (insert ... on conflict); read here. */
@Entity
@Table(name = "department_member")
@IdClass(DepartmentMember.Key.class)
public class DepartmentMember extends PanacheEntityBase {
    @Id
    @Column(name = "department_id")
    public UUID departmentId;
    @Id
    @Column(name = "user_id")
    public UUID userId;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The composite key Hibernate needs; fields named as the entity's ids. */
    public static class Key implements Serializable {
        public UUID departmentId;
        public UUID userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(departmentId, k.departmentId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(departmentId, userId);
        }
    }
}
