package io.qiaoban.core.testing;

import io.qiaoban.core.user.AppUser;
import io.qiaoban.core.user.Passwords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
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

    public static UUID create(String username, String password, boolean platformAdmin, boolean mustChange) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AppUser user = new AppUser();
            user.id = UUID.randomUUID();
            user.username = username;
            user.displayName = username;
            user.passwordHash = Passwords.hash(password);
            user.platformAdmin = platformAdmin;
            user.mustChangePassword = mustChange;
            user.createdAt = Instant.now();
            user.updatedAt = Instant.now();
            user.persist();
            return user.id;
        });
    }
}
