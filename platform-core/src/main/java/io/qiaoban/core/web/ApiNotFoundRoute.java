package io.qiaoban.core.web;

import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.Problem;
import io.qiaoban.core.problem.ProblemException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Paths under /api that no resource matches fall through the REST layer; answer them with a 404
 * problem instead of the HTML page Vert.x or the SPA fallback would give.
 */
@Singleton
public class ApiNotFoundRoute {
    void install(@Observes Router router) {
        router.route("/api/*").last().handler(ctx -> {
            Problem problem = Messages.problem(Messages.fromAcceptLanguage(ctx.request().getHeader("Accept-Language")),
                    new ProblemException(404, "route-not-found"));
            ctx.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Json.encode(problem));
        });
    }
}
