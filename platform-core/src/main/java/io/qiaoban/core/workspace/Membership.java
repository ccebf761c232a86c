package io.qiaoban.core.workspace;

import io.qiaoban.core.role.Role;
import io.qiaoban.core.user.AppUser;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's place in a workspace: one role per user and workspace. */
@Entity
public class Membership extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "workspace_id")
    public UUID workspaceId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    public AppUser user;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "role_id")
    public Role role;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Membership> of(UUID workspaceId, UUID userId) {
        return find("from Membership m join fetch m.role where m.workspaceId = ?1 and m.user.id = ?2", workspaceId, userId)
                .firstResultOptional();
    }

    public static List<Membership> ofUser(UUID userId) {
        return find("from Membership m join fetch m.role where m.user.id = ?1", userId).list();
    }

    public static List<Membership> inWorkspace(UUID workspaceId) {
        return find("from Membership m join fetch m.role join fetch m.user where m.workspaceId = ?1 order by m.createdAt",
                workspaceId).list();
    }
}
