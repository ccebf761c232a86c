package io.qiaoban.form.record;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.schema.FieldDefinition;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which computed fields of an app depend on the records of a form: rollups over it and lookups into
 * it. Read from the published versions of the app's forms, cached per app for a few seconds and
 * dropped at once when a form of the app is published on this node.
 */
@jakarta.enterprise.context.ApplicationScoped
public class FormDependencies {
    private final Cache<UUID, List<PublishedForm>> byApp = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(5)).maximumSize(10_000).build();
    private final FormRepository forms;

    FormDependencies(FormRepository forms) {
        this.forms = forms;
    }

    /** A rollup of {@code target} over records of the form, linked by its relation field {@code via}. */
    public record Rollup(PublishedForm target, FieldDefinition field, String via, Set<String> reads) {
    }

    /** A lookup in {@code target} through its relation {@code relation} into the form. */
    public record Lookup(PublishedForm target, String relation, Set<String> reads) {
    }

    public record Dependents(List<Rollup> rollups, List<Lookup> lookups) {
        public boolean none() {
            return rollups.isEmpty() && lookups.isEmpty();
        }
    }

    public Dependents of(PublishedForm source) throws SQLException {
        List<Rollup> rollups = new ArrayList<>();
        List<Lookup> lookups = new ArrayList<>();
        for (PublishedForm target : published(source.workspaceId(), source.appId())) {
            for (FieldDefinition field : target.schema().fields()) {
                if (field.type().equals("rollup") && source.key().equals(field.option("form").asText())) {
                    String via = field.option("via").asText();
                    rollups.add(new Rollup(target, field, via, field.option("field").isTextual()
                            ? Set.of(via, field.option("field").asText()) : Set.of(via)));
                }
                if (field.type().equals("lookup")) {
                    Optional<FieldDefinition> relation = target.schema().field(field.option("relation").asText());
                    if (relation.isPresent() && source.key().equals(relation.get().option("form").asText())) {
                        lookups.add(new Lookup(target, relation.get().key(), Set.of(field.option("field").asText())));
                    }
                }
            }
        }
        return new Dependents(rollups, lookups);
    }

    public void changed(UUID appId) {
        byApp.invalidate(appId);
    }

    private List<PublishedForm> published(UUID workspaceId, UUID appId) throws SQLException {
        List<PublishedForm> cached = byApp.getIfPresent(appId);
        if (cached != null) {
            return cached;
        }
        List<PublishedForm> all = new ArrayList<>();
        for (StoredForm form : forms.list(workspaceId, appId)) {
            if (form.published()) {
                forms.published(form, form.publishedVersion()).ifPresent(all::add);
            }
        }
        byApp.put(appId, List.copyOf(all));
        return all;
    }
}
