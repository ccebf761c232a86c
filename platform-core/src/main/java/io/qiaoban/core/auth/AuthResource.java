package io.qiaoban.core.auth;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.user.AppUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@Path("/v1/auth")
public class AuthResource {
    public record LoginRequest(String username, String password) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
    }

    public record Me(UUID id, String username, String displayName, boolean platformAdmin,
            boolean mustChangePassword) {
        static Me of(Caller c) {
            return new Me(c.id(), c.username(), c.displayName(), c.platformAdmin(), c.mustChangePassword());
        }

        static Me of(AppUser u) {
            return new Me(u.id, u.username, u.displayName, u.platformAdmin, u.mustChangePassword);
        }
    }

    private final AuthService auth;
    private final SessionService sessions;
    private final CurrentCaller current;
    private final boolean secureCookie;

    AuthResource(AuthService auth, SessionService sessions, CurrentCaller current,
            @ConfigProperty(name = "qiaoban.session.secure-cookie", defaultValue = "false") boolean secureCookie) {
        this.auth = auth;
        this.sessions = sessions;
        this.current = current;
        this.secureCookie = secureCookie;
    }

    @POST
    @Path("/login")
    @PublicApi
    public Response login(LoginRequest request) {
        if (request == null) {
            throw ProblemException.invalid("username", "required");
        }
        AuthService.LoggedIn in = auth.login(request.username(), request.password());
        return Response.ok(Me.of(in.user())).header(HttpHeaders.SET_COOKIE, sessions.cookie(in.token(), secureCookie)).build();
    }

    @POST
    @Path("/logout")
    @AllowedBeforePasswordChange
    public Response logout() {
        auth.logout(current.get(), current.sessionTokenHash());
        return Response.noContent().header(HttpHeaders.SET_COOKIE, SessionService.expiredCookie()).build();
    }

    @GET
    @Path("/me")
    @AllowedBeforePasswordChange
    public Me me() {
        return Me.of(current.get());
    }

    @POST
    @Path("/password")
    @AllowedBeforePasswordChange
    public Response changePassword(PasswordChange request) {
        if (request == null) {
            throw ProblemException.invalid("newPassword", "required");
        }
        auth.changePassword(current.get(), current.sessionTokenHash(), request.currentPassword(), request.newPassword());
        return Response.noContent().build();
    }
}
