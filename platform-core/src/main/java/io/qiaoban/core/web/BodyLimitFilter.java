package io.qiaoban.core.web;

import io.qiaoban.core.auth.SessionFilter;
import io.qiaoban.core.file.FileTooLarge;
import io.qiaoban.core.problem.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies above the API's limit (uploads have their own, larger one) with a 413 problem before any of it is parsed.
 * Vert.x's own limit (quarkus.http.limits.max-body-size) stays above this one as a backstop for
 * bodies that announce no length.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {
    @ConfigProperty(name = "qiaoban.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @ConfigProperty(name = "qiaoban.api.max-upload-bytes", defaultValue = "209715200")
    long maxUploadBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        if (SessionFilter.isUpload(request)) {
            if (request.getLength() > maxUploadBytes) {
                throw new FileTooLarge(maxUploadBytes);
            }
        } else if (request.getLength() > maxBodyBytes) {
            throw new ProblemException(413, "body-too-large", maxBodyBytes / 1024);
        }
    }
}
