package io.qiaoban.core.user;

import io.agroal.api.AgroalDataSource;
import io.qiaoban.core.audit.AuditService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On first start (no user at all) creates the platform admin. The password comes from
 * QIAOBAN_ADMIN_PASSWORD, or is generated, printed once, and must be changed at first login.
 * There is no fixed default password.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AgroalDataSource db;
    private final AuditService audit;
    private final Clock clock;
    private final String username;
    private final Optional<String> configuredPassword;

    AdminBootstrap(AgroalDataSource db, AuditService audit, Clock clock,
            @ConfigProperty(name = "qiaoban.admin.username", defaultValue = "admin") String username,
            @ConfigProperty(name = "qiaoban.admin.password") Optional<String> configuredPassword) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.username = username;
        this.configuredPassword = configuredPassword.filter(p -> !p.isBlank());
    }

    void onStart(@Observes StartupEvent start) throws SQLException {
        // a plain query on every start; the ORM and the transaction manager only on the very first
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select exists (select 1 from app_user)")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        QuarkusTransaction.requiringNew().run(this::createFirstAdmin);
    }

    void createFirstAdmin() {
        // serialises concurrent first starts of several nodes on one empty database
        AppUser.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(4711001)").getSingleResult();
        if (AppUser.count() > 0) {
            return;
        }
        String password = configuredPassword.orElseGet(Passwords::generate);
        if (configuredPassword.isPresent()) {
            PasswordPolicy.check("QIAOBAN_ADMIN_PASSWORD", password);
        }
        Instant now = clock.instant();
        AppUser admin = new AppUser();
        admin.id = UUID.randomUUID();
        admin.username = username;
        admin.displayName = "管理员";
        admin.passwordHash = Passwords.hash(password);
        admin.platformAdmin = true;
        admin.mustChangePassword = configuredPassword.isEmpty();
        admin.createdAt = now;
        admin.updatedAt = now;
        admin.persist();
        audit.record("user.created", null, null, "system", Map.of("username", username, "platformAdmin", true));
        if (configuredPassword.isPresent()) {
            LOG.infof("Created the platform admin '%s' with the password from QIAOBAN_ADMIN_PASSWORD.", username);
        } else {
            LOG.infof("""

                    ================================================================
                     Created the platform admin.  user: %s   password: %s
                     This password is shown only this once. Log in and you will be
                     asked to change it (later: user menu > Change password).
                     To choose it yourself instead, start on an empty database with
                     QIAOBAN_ADMIN_PASSWORD set.
                    ================================================================""", username, password);
        }
    }
}
