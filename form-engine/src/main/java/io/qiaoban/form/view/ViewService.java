package io.qiaoban.form.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.NulCharacters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Saved views: checked against the published form when saved (fields that exist and the user sees,
 * a filter and sort the records list takes, a single-select field to group a board by, a date field
 * for a calendar). Shared views are changed only by those who manage the app; personal ones only by
 * their owner.
 */
@ApplicationScoped
public class ViewService {
    static final Set<String> KINDS = Set.of("grid", "kanban", "calendar");
    static final int MAX_COLUMNS = 200;

    private final ViewRepository views;
    private final RecordQueries queries;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();

    ViewService(ViewRepository views, RecordQueries queries, Clock clock) {
        this.views = views;
        this.queries = queries;
        this.clock = clock;
    }

    /** What a client sends to create or change a view. */
    public record ViewInput(String name, String kind, ObjectNode config, Boolean shared, Integer position) {
    }

    public List<FormView> list(PublishedForm form, FormAccess access) throws SQLException {
        return views.visible(form.workspaceId(), form.formId(), access.userId());
    }

    public FormView create(PublishedForm form, FormAccess access, boolean managesApp, ViewInput input) throws SQLException {
        boolean shared = Boolean.TRUE.equals(input.shared());
        if (shared && !managesApp) {
            throw ProblemException.forbidden();
        }
        check(form, access, input.name(), input.kind(), input.config());
        FormView view = new FormView(UUID.randomUUID(), form.workspaceId(), form.formId(), shared ? null : access.userId(),
                input.name().strip(), input.kind(), input.config(), input.position() == null ? 0 : input.position(), 1,
                clock.instant());
        views.insert(view, access.userId(), clock.instant());
        return views.find(form.workspaceId(), form.formId(), view.id()).orElseThrow();
    }

    public FormView update(PublishedForm form, FormAccess access, boolean managesApp, UUID id, Integer ifMatch, ViewInput input)
            throws SQLException {
        FormView current = mine(form, access, managesApp, id);
        if (ifMatch != null && ifMatch != current.version()) {
            throw new ProblemException(412, "stale", current.version());
        }
        String name = input.name() == null ? current.name() : input.name();
        ObjectNode config = input.config() == null ? current.config() : input.config();
        check(form, access, name, current.kind(), config);
        // sharing hands the view to everyone (no owner); unsharing makes it the manager's own again
        UUID owner = current.ownerId();
        if (input.shared() != null && input.shared() != current.shared()) {
            if (!managesApp) {
                throw ProblemException.forbidden();
            }
            owner = input.shared() ? null : access.userId();
        }
        FormView changed = new FormView(id, current.workspaceId(), current.formId(), owner, name.strip(), current.kind(),
                config, input.position() == null ? current.position() : input.position(), current.version(), clock.instant());
        if (!views.update(changed, current.version(), clock.instant())) {
            throw new ProblemException(412, "stale", current.version());
        }
        return views.find(form.workspaceId(), form.formId(), id).orElseThrow();
    }

    public void delete(PublishedForm form, FormAccess access, boolean managesApp, UUID id) throws SQLException {
        mine(form, access, managesApp, id);
        views.delete(form.workspaceId(), id);
    }

    /** A view the caller may change: their own, or a shared one when they manage the app. */
    private FormView mine(PublishedForm form, FormAccess access, boolean managesApp, UUID id) throws SQLException {
        FormView view = views.find(form.workspaceId(), form.formId(), id)
                .filter(v -> v.shared() || v.ownerId().equals(access.userId()))
                .orElseThrow(() -> ProblemException.notFound("@thing.view"));
        if (view.shared() && !managesApp) {
            throw ProblemException.forbidden();
        }
        return view;
    }

    private void check(PublishedForm form, FormAccess access, String name, String kind, ObjectNode config) {
        NulCharacters.refuse(TextNode.valueOf(name == null ? "" : name), "name");
        if (config != null) {
            NulCharacters.refuse(config, "config");
        }
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank()) {
            errors.add(FieldError.of("name", "required"));
        } else if (name.strip().length() > 100) {
            errors.add(FieldError.of("name", "too-long", 100));
        }
        if (kind == null || !KINDS.contains(kind)) {
            errors.add(FieldError.of("kind", "view.kind"));
        }
        if (config == null) {
            errors.add(FieldError.of("config", "required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        switch (kind) {
            case "grid" -> checkColumns(form, access, config.path("columns"), errors);
            case "kanban" -> {
                Optional<FieldDefinition> group = field(form, access, config.path("groupBy"));
                if (group.isEmpty() || !group.get().type().equals("select")) {
                    errors.add(FieldError.of("config.groupBy", "view.groupBy"));
                }
                checkFieldList(form, access, config.path("cardFields"), "config.cardFields", errors);
            }
            default -> {
                Optional<FieldDefinition> date = field(form, access, config.path("dateField"));
                if (date.isEmpty() || !Set.of("date", "datetime").contains(date.get().type())) {
                    errors.add(FieldError.of("config.dateField", "view.dateField"));
                }
                if (config.hasNonNull("titleField") && field(form, access, config.get("titleField")).isEmpty()) {
                    errors.add(FieldError.of("config.titleField", "form.value.unknownField"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        // the filter and sort must be ones the records list takes
        queries.checkView(form, access, config.get("filter"), config.hasNonNull("sort") ? config.get("sort").asText() : null);
    }

    private static void checkColumns(PublishedForm form, FormAccess access, JsonNode columns, List<FieldError> errors) {
        if (columns.isMissingNode() || columns.isNull()) {
            return;
        }
        if (!columns.isArray() || columns.size() > MAX_COLUMNS) {
            errors.add(FieldError.of("config.columns", "view.columns", MAX_COLUMNS));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            JsonNode column = columns.get(i);
            Optional<FieldDefinition> field = field(form, access, column.path("field"));
            if (field.isEmpty() || !seen.add(field.get().key())) {
                errors.add(FieldError.of("config.columns[" + i + "].field", "form.value.unknownField"));
            }
            JsonNode width = column.path("width");
            if (!width.isMissingNode() && !width.isNull() && (!width.canConvertToInt() || width.asInt() < 40 || width.asInt() > 2000)) {
                errors.add(FieldError.of("config.columns[" + i + "].width", "view.width", 40, 2000));
            }
        }
    }

    private static void checkFieldList(PublishedForm form, FormAccess access, JsonNode keys, String path, List<FieldError> errors) {
        if (keys.isMissingNode() || keys.isNull()) {
            return;
        }
        if (!keys.isArray() || keys.size() > MAX_COLUMNS) {
            errors.add(FieldError.of(path, "view.columns", MAX_COLUMNS));
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (field(form, access, keys.get(i)).isEmpty()) {
                errors.add(FieldError.of(path + "[" + i + "]", "form.value.unknownField"));
            }
        }
    }

    /** A field of the form the caller sees (a hidden field is as unknown to a view as to the API). */
    private static Optional<FieldDefinition> field(PublishedForm form, FormAccess access, JsonNode key) {
        if (!key.isTextual() || access.hiddenFields().contains(key.asText())) {
            return Optional.empty();
        }
        return form.schema().field(key.asText());
    }
}
