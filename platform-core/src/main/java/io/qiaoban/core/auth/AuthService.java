package io.qiaoban.core.auth;

import io.qiaoban.core.audit.AuditService;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.user.AppUser;
import io.qiaoban.core.user.PasswordPolicy;
import io.qiaoban.core.user.Passwords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Log in, log out, change one's password; every outcome lands in the audit log. */
@ApplicationScoped
public class AuthService {
    public record LoggedIn(AppUser user, String token) {
    }

    private final SessionService sessions;
    private final AuditService audit;
    private final EntityManager em;
    private final Clock clock;
    private final int maxFailures;
    private final Duration failureWindow;

    AuthService(SessionService sessions, AuditService audit, EntityManager em, Clock clock,
            @ConfigProperty(name = "qiaoban.login.max-failures", defaultValue = "5") int maxFailures,
            @ConfigProperty(name = "qiaoban.login.failure-window", defaultValue = "PT15M") Duration failureWindow) {
        this.sessions = sessions;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.failureWindow = failureWindow;
    }

    public LoggedIn login(String username, String password) {
        if (username == null || username.isBlank()) {
            throw ProblemException.invalid("username", "required");
        }
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid("password", "required");
        }
        String name = username.trim();
        if (recentFailures(name) >= maxFailures) {
            throw new ProblemException(429, "too-many-login-failures", failureWindow.toMinutes());
        }
        AppUser user = QuarkusTransaction.requiringNew().call(() -> AppUser.findByUsername(name).orElse(null));
        boolean ok = Passwords.matches(password, user == null ? null : user.passwordHash) && !user.disabled;
        if (!ok) {
            QuarkusTransaction.requiringNew().run(() -> audit.record("login.failed", null,
                    user == null ? null : user.id, null, Map.of("username", name)));
            throw new ProblemException(401, "bad-credentials");
        }
        String token = sessions.open(user.id);
        QuarkusTransaction.requiringNew().run(() -> audit.record("login.succeeded", null, user.id, user.username, Map.of()));
        return new LoggedIn(user, token);
    }

    @Transactional
    public void logout(Caller caller, String tokenHash) {
        sessions.close(tokenHash);
        audit.record("logout", null, caller.id(), caller.username(), Map.of());
    }

    @Transactional
    public void changePassword(Caller caller, String tokenHash, String current, String next) {
        AppUser user = AppUser.findById(caller.id());
        if (current == null || !Passwords.matches(current, user.passwordHash)) {
            throw ProblemException.invalid("currentPassword", "password-wrong");
        }
        PasswordPolicy.check("newPassword", next);
        if (next.equals(current)) {
            throw ProblemException.invalid("newPassword", "password-unchanged");
        }
        user.passwordHash = Passwords.hash(next);
        user.mustChangePassword = false;
        user.updatedAt = clock.instant();
        sessions.closeOthers(user.id, tokenHash);
        audit.record("password.changed", null, caller.id(), caller.username(), Map.of());
    }

    private long recentFailures(String username) {
        Instant since = clock.instant().minus(failureWindow);
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select count(*) from audit_log
                 where type = 'login.failed' and detail ->> 'username' = ?1 and at > ?2
                   and at > coalesce((select max(at) from audit_log s
                                       join app_user u on u.id = s.actor_id
                                      where s.type = 'login.succeeded' and lower(u.username) = lower(?1)), '-infinity')""")
                .setParameter(1, username).setParameter(2, since).getSingleResult()).longValue());
    }
}
