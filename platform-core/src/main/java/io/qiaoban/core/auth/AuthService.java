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
        String name = username.strip();
        if (name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
            // no account can have such a name: answer like any other wrong login
            throw new ProblemException(401, "bad-credentials");
        }
        // one transaction per attempt, serialised per user name, so a burst of parallel guesses
        // cannot all pass the failure count; the failure entry commits before the 401 goes out
        Attempt attempt = QuarkusTransaction.requiringNew().call(() -> attempt(name, password));
        return switch (attempt.outcome()) {
            case THROTTLED -> throw new ProblemException(429, "too-many-login-failures", failureWindow.toMinutes());
            case REFUSED -> throw new ProblemException(401, "bad-credentials");
            case ACCEPTED -> new LoggedIn(attempt.user(), sessions.open(attempt.user().id));
        };
    }

    private enum Outcome {
        ACCEPTED, REFUSED, THROTTLED
    }

    private record Attempt(Outcome outcome, AppUser user) {
    }

    private Attempt attempt(String name, String password) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(lower(?1)))").setParameter(1, name).getSingleResult();
        AppUser user = AppUser.findByUsername(name).orElse(null);
        if (recentFailures(name, user) >= maxFailures) {
            return new Attempt(Outcome.THROTTLED, null);
        }
        boolean ok = Passwords.matches(password, user == null ? null : user.passwordHash) && !user.disabled;
        if (!ok) {
            audit.record("login.failed", null, user == null ? null : user.id, null, Map.of("username", name));
            return new Attempt(Outcome.REFUSED, null);
        }
        audit.record("login.succeeded", null, user.id, user.username, Map.of());
        return new Attempt(Outcome.ACCEPTED, user);
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

    /** Failures for this name inside the window, counted since the account's last successful login. */
    private long recentFailures(String name, AppUser user) {
        Instant since = clock.instant().minus(failureWindow);
        if (user != null) {
            Object lastLogin = em.createNativeQuery(
                    "select max(at) from audit_log where type = 'login.succeeded' and actor_id = ?1")
                    .setParameter(1, user.id).getSingleResult();
            if (lastLogin instanceof Instant last && last.isAfter(since)) {
                since = last;
            }
        }
        return ((Number) em.createNativeQuery("""
                select count(*) from audit_log
                 where type = 'login.failed' and lower(detail ->> 'username') = lower(?1) and at > ?2""")
                .setParameter(1, name).setParameter(2, since).getSingleResult()).longValue();
    }
}
