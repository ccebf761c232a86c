package io.qiaoban.core.auth;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database holds
 * only its SHA-256, so a leaked table opens no session. Sessions slide while used and end after the
 * idle timeout, or at the latest after the absolute lifetime.
 */
@ApplicationScoped
public class SessionService {
    public static final String COOKIE = "qb_session";
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Resolved(Caller caller, String tokenHash) {
    }

    private final AgroalDataSource db;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration absoluteLifetime;

    SessionService(AgroalDataSource db, Clock clock,
            @ConfigProperty(name = "qiaoban.session.idle-timeout", defaultValue = "PT8H") Duration idleTimeout,
            @ConfigProperty(name = "qiaoban.session.absolute-lifetime", defaultValue = "P7D") Duration absoluteLifetime) {
        this.db = db;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.absoluteLifetime = absoluteLifetime;
    }

    /** Opens a session and returns the token to put in the cookie. */
    public String open(UUID userId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        sql("insert into user_session (token_hash, user_id, created_at, last_seen_at, expires_at) values (?, ?, ?, ?, ?)",
                hash(token), userId, ts(now), ts(now), ts(now.plus(idleTimeout)));
        return token;
    }

    public Optional<Resolved> resolve(String token) {
        String tokenHash = hash(token);
        Instant now = clock.instant();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        select u.id, u.username, u.display_name, u.platform_admin, u.must_change_password,
                               s.created_at, s.last_seen_at
                          from user_session s join app_user u on u.id = s.user_id
                         where s.token_hash = ? and s.expires_at > ? and not u.disabled""")) {
            ps.setString(1, tokenHash);
            ps.setTimestamp(2, ts(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant created = rs.getTimestamp(6).toInstant();
                if (created.plus(absoluteLifetime).isBefore(now)) {
                    return Optional.empty();
                }
                Caller caller = new Caller(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getBoolean(5));
                if (rs.getTimestamp(7).toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                    // on this connection: a second one per request could exhaust the pool under load
                    try (PreparedStatement touch = c.prepareStatement(
                            "update user_session set last_seen_at = ?, expires_at = ? where token_hash = ?")) {
                        touch.setTimestamp(1, ts(now));
                        touch.setTimestamp(2, ts(now.plus(idleTimeout)));
                        touch.setString(3, tokenHash);
                        touch.executeUpdate();
                    }
                }
                return Optional.of(new Resolved(caller, tokenHash));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Session lookup failed", e);
        }
    }

    public void close(String tokenHash) {
        sql("delete from user_session where token_hash = ?", tokenHash);
    }

    /** Ends every session of a user but the one given (after a password change), or all when null. */
    public void closeOthers(UUID userId, String keepTokenHash) {
        sql("delete from user_session where user_id = ? and token_hash <> ?", userId, keepTokenHash == null ? "" : keepTokenHash);
    }

    public String cookie(String token, boolean secure) {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + absoluteLifetime.toSeconds()
                + (secure ? "; Secure" : "");
    }

    public static String expiredCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    static String hash(String token) {
        return Digests.sha256Hex(token);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private void sql(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Session update failed", e);
        }
    }
}
