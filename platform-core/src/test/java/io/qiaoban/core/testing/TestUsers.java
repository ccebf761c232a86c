package io.qiaoban.core.testing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.qiaoban.core.user.Passwords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.UUID;

/** Users made directly in the database, each with its own random name and password. */
public final class TestUsers {
    private TestUsers() {
    }

    public static Session platformAdmin() {
        String username = "admin-" + UUID.randomUUID().toString().substring(0, 12);
        String password = "Pw" + UUID.randomUUID().toString().substring(0, 12) + "1";
        UUID id = create(username, password, true, false);
        return new Session(id, username, password, Session.login(username, password));
    }

    /** Written with SQL, not the entity: Panache rewrites field access only inside the module that owns the entity. */
    public static UUID create(String username, String password, boolean platformAdmin, boolean mustChange) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = Arc.container().instance(AgroalDataSource.class).get().getConnection();
                 PreparedStatement ps = c.prepareStatement("""
                         insert into app_user (id, username, display_name, password_hash, platform_admin,
                                               must_change_password, disabled, created_at, updated_at)
                         values (?, ?, ?, ?, ?, ?, false, now(), now())""")) {
                ps.setObject(1, id);
                ps.setString(2, username);
                ps.setString(3, username);
                ps.setString(4, Passwords.hash(password));
                ps.setBoolean(5, platformAdmin);
                ps.setBoolean(6, mustChange);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return id;
    }
}
