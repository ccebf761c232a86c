package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the OpenAPI document on its first request instead of at every start: Quarkus 3.31 parses
 * the build-time document and writes it out again as JSON and YAML during start-up, about 0.4 s of
 * every start of Qiaoban (docs/performance.md). Upstream fixed it the same way after 3.31
 * (quarkusio/quarkus#54826, pull request #55538); this backport lives in Quarkus' package because
 * the method it defers is package-private. That override holds only where the application and Quarkus
 * share one class loader, as in the packaged application (the browser journeys check its document);
 * in dev and test mode they do not, and the eager original stays. Delete it when the platform moves
 * past 3.31.
 */
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@ApplicationScoped
@Unremovable // Quarkus looks it up by its parent type only, which ArC does not count as a use
public class LazyOpenApiDocumentService extends OpenApiDocumentService {
    private record Preparation(AutoSecurityFilter autoSecurityFilter, List<String> userFilters, String documentName) {
    }

    private final List<Preparation> pending = new ArrayList<>();

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter, List<String> userFilters, String documentName) {
        pending.add(new Preparation(autoSecurityFilter, userFilters, documentName));
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        synchronized (this) {
            for (Preparation p : pending) {
                super.prepareDocument(p.autoSecurityFilter(), p.userFilters(), p.documentName());
            }
            pending.clear();
        }
        return super.getDocument(documentName, format);
    }
}
