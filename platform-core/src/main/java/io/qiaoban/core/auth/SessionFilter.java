package io.qiaoban.core.auth;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.web.ClientAddress;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.util.Set;

/**
 * Closed by default: every API operation needs a live session unless it is marked {@link PublicApi}.
 * State-changing requests must carry JSON (or no body), which a cross-site form cannot send; with the
 * SameSite=Strict cookie that keeps CSRF out. File uploads are multipart, which a form can send, so
 * they must also carry the {@value #UPLOAD_HEADER} header, which a form cannot.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class SessionFilter implements ContainerRequestFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    public static final String UPLOAD_HEADER = "X-Qiaoban-Upload";

    @Context
    ResourceInfo resource;
    @Context
    HttpServerRequest httpRequest;
    @Inject
    SessionService sessions;
    @Inject
    CurrentCaller current;

    @Override
    public void filter(ContainerRequestContext request) {
        current.ip(ClientAddress.of(httpRequest));
        if (!SAFE_METHODS.contains(request.getMethod()) && request.hasEntity() && request.getMediaType() != null
                && !request.getMediaType().getSubtype().endsWith("json") && !isUpload(request)) {
            throw new ProblemException(415, "unsupported-media-type");
        }
        if (annotated(PublicApi.class)) {
            return;
        }
        Cookie cookie = request.getCookies().get(SessionService.COOKIE);
        if (cookie == null || cookie.getValue().isBlank()) {
            throw new ProblemException(401, "unauthenticated");
        }
        SessionService.Resolved resolved = sessions.resolve(cookie.getValue())
                .orElseThrow(() -> new ProblemException(401, "session-expired"));
        current.set(resolved.caller(), resolved.tokenHash());
        if (resolved.caller().mustChangePassword() && !annotated(AllowedBeforePasswordChange.class)) {
            throw new ProblemException(403, "password-change-required");
        }
    }

    /** A multipart body sent by a script of this origin (only those can set the header). */
    public static boolean isUpload(ContainerRequestContext request) {
        return request.getMediaType() != null && request.getMediaType().isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                && request.getHeaderString(UPLOAD_HEADER) != null;
    }

    private boolean annotated(Class<? extends Annotation> type) {
        return resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(type)
                        || resource.getResourceClass().isAnnotationPresent(type));
    }
}
