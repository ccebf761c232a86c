package io.qiaoban.form.form;

import io.qiaoban.core.app.AppService;
import io.qiaoban.core.auth.CurrentCaller;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.role.Permission;
import io.qiaoban.core.workspace.WorkspaceGuard;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.Storage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The form use cases: design a draft, publish it as an immutable version, list and delete. Every one
 * checks the caller's permission in the workspace first; designing needs app.manage.
 */
@ApplicationScoped
public class FormService {
    /** Type changes that keep every stored value valid (all are plain strings that a text field accepts). */
    private static final Map<String, Set<String>> SAFE_TYPE_CHANGES = Map.of(
            "text", Set.of("textarea"),
            "phone", Set.of("text", "textarea"),
            "email", Set.of("text", "textarea"),
            "url", Set.of("text", "textarea"),
            "select", Set.of("text", "textarea"));

    private final FormRepository forms;
    private final FormChecks checks;
    private final FieldData fieldData;
    private final FieldIndexes indexes;
    private final WorkspaceGuard guard;
    private final AppService apps;
    private final CurrentCaller caller;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();

    FormService(FormRepository forms, FormChecks checks, FieldData fieldData, FieldIndexes indexes, WorkspaceGuard guard,
            AppService apps, CurrentCaller caller, Clock clock) {
        this.forms = forms;
        this.checks = checks;
        this.fieldData = fieldData;
        this.indexes = indexes;
        this.guard = guard;
        this.apps = apps;
        this.caller = caller;
        this.clock = clock;
    }

    @Transactional(rollbackOn = Exception.class)
    public List<StoredForm> list(UUID workspaceId, UUID appId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        apps.get(workspaceId, appId);
        return forms.list(workspaceId, appId);
    }

    /** The form with its draft; whether the caller may read the draft's content is {@link #designs}. */
    @Transactional(rollbackOn = Exception.class)
    public StoredForm get(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return find(workspaceId, appId, formId, false);
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredForm create(UUID workspaceId, UUID appId, FormSchema draft) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        apps.get(workspaceId, appId);
        checks.check(workspaceId, appId, draft);
        if (forms.findByKey(workspaceId, appId, draft.key()).isPresent()) {
            throw new ProblemException(409, "form.keyTaken", List.of(FieldError.of("key", "form.keyTaken", draft.key())), draft.key());
        }
        StoredForm form = new StoredForm(UUID.randomUUID(), workspaceId, appId, draft.key(), draft, 1, null, null, clock.instant());
        forms.insert(form, caller.get().id(), clock.instant());
        return form;
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredForm update(UUID workspaceId, UUID appId, UUID formId, Integer ifMatch, FormSchema draft) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm current = find(workspaceId, appId, formId, true);
        int expected = ifMatch == null ? current.draftVersion() : ifMatch;
        if (expected != current.draftVersion()) {
            throw new ProblemException(412, "stale", current.draftVersion());
        }
        checks.check(workspaceId, appId, draft);
        if (!draft.key().equals(current.key())) {
            if (current.published()) {
                // rules, relations and packages refer to a published form by its key
                throw new ProblemException(409, "form.keyFixed", List.of(FieldError.of("key", "form.keyFixed", current.key())),
                        current.key());
            }
            if (forms.findByKey(workspaceId, appId, draft.key()).isPresent()) {
                throw new ProblemException(409, "form.keyTaken", List.of(FieldError.of("key", "form.keyTaken", draft.key())),
                        draft.key());
            }
        }
        forms.updateDraft(workspaceId, formId, expected, draft.key(), draft, caller.get().id(), clock.instant());
        return find(workspaceId, appId, formId, false);
    }

    /**
     * Whether the caller designs forms (app.manage): the draft describes every field, those hidden from
     * some roles too, with their formulas and defaults; others read the form as published for them.
     */
    @Transactional(rollbackOn = Exception.class)
    public boolean designs(UUID workspaceId) {
        return guard.require(workspaceId, Permission.APP_VIEW).role.allows(Permission.APP_MANAGE);
    }

    @Transactional(rollbackOn = Exception.class)
    public FormDiff diff(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm form = find(workspaceId, appId, formId, false);
        return FormDiff.between(publishedSchema(form).orElse(null), form.draft());
    }

    /**
     * Publishes the draft as the next version. Refused when a field holding data would change to an
     * incompatible type, or become unique while its values repeat; indexes are built after the commit.
     */
    @Transactional(rollbackOn = Exception.class)
    public StoredForm publish(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm form = find(workspaceId, appId, formId, true);
        checks.check(workspaceId, appId, form.draft());
        FormSchema before = publishedSchema(form).orElse(null);
        if (before != null && FormDiff.between(before, form.draft()).empty()) {
            throw ProblemException.conflict("form.nothingToPublish");
        }
        List<FieldError> errors = new ArrayList<>();
        // the values under a key were written as the last version holding that key defined it: a field removed
        // and added back under its key meets its old values again (kept for restore, as are trashed records)
        Map<String, FieldDefinition> written = before == null ? Map.of() : forms.lastPublishedFields(form.id());
        for (int i = 0; i < form.draft().fields().size(); i++) {
            FieldDefinition field = form.draft().fields().get(i);
            Optional<FieldDefinition> old = before == null ? Optional.empty() : before.field(field.key());
            FieldDefinition stored = written.get(field.key());
            if (stored != null && incompatible(stored, field)) {
                long filled = fieldData.countWithValue(form.id(), field.key());
                if (filled > 0) {
                    errors.add(old.isPresent()
                            ? FieldError.of("fields[" + i + "].type", "form.def.typeChangeWithData", field.label(), filled,
                                    stored.type(), field.type())
                            : FieldError.of("fields[" + i + "].key", "form.def.keyReusedWithData", field.key(), filled,
                                    stored.type(), field.type()));
                }
            }
            if (field.isUniqueField() && (old.isEmpty() || !old.get().isUniqueField())) {
                Optional<String> repeated = fieldData.firstDuplicate(form.id(), field.key(), types.storage(field));
                int at = i;
                repeated.ifPresent(value -> errors.add(FieldError.of("fields[" + at + "].unique",
                        "form.def.uniqueWithDuplicates", field.label(), value)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(409, "form.incompatibleChange", errors, errors.size());
        }
        arrangeUniqueValuesAndIndexes(form, before);
        int version = form.publishedVersion() == null ? 1 : form.publishedVersion() + 1;
        forms.publish(form, version, caller.get().id(), clock.instant());
        return find(workspaceId, appId, formId, false);
    }

    private void arrangeUniqueValuesAndIndexes(StoredForm form, FormSchema before) throws SQLException {
        for (FieldDefinition field : form.draft().fields()) {
            Optional<FieldDefinition> old = before == null ? Optional.empty() : before.field(field.key());
            Storage storage = types.storage(field);
            boolean wasUnique = old.isPresent() && old.get().isUniqueField() && !incompatible(old.get(), field);
            if (field.isUniqueField() && !wasUnique) {
                fieldData.clearUniqueValues(form.id(), field.key());
                fieldData.fillUniqueValues(form.id(), field.key(), storage);
            } else if (!field.isUniqueField() && old.isPresent() && old.get().isUniqueField()) {
                fieldData.clearUniqueValues(form.id(), field.key());
            }
            boolean wasIndexed = old.isPresent() && old.get().isIndexedField() && types.storage(old.get()) == storage;
            if (field.isIndexedField() && !wasIndexed) {
                indexes.request(form.workspaceId(), form.id(), field.key(), storage, true);
            } else if (!field.isIndexedField() && old.isPresent() && old.get().isIndexedField()) {
                indexes.request(form.workspaceId(), form.id(), field.key(), storage, false);
            }
        }
        if (before != null) {
            for (FieldDefinition old : before.fields()) {
                if (form.draft().field(old.key()).isEmpty()) {
                    if (old.isUniqueField()) {
                        fieldData.clearUniqueValues(form.id(), old.key());
                    }
                    if (old.isIndexedField()) {
                        indexes.request(form.workspaceId(), form.id(), old.key(), types.storage(old), false);
                    }
                }
            }
        }
    }

    private boolean incompatible(FieldDefinition old, FieldDefinition next) {
        if (old.type().equals(next.type())) {
            return types.storage(old) != types.storage(next)
                    || ("relation".equals(next.type()) && !old.option("form").equals(next.option("form")));
        }
        return !SAFE_TYPE_CHANGES.getOrDefault(old.type(), Set.of()).contains(next.type());
    }

    @Transactional(rollbackOn = Exception.class)
    public List<FormRepository.Version> versions(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return forms.versions(find(workspaceId, appId, formId, false).id());
    }

    @Transactional(rollbackOn = Exception.class)
    public PublishedForm published(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_VIEW);
        return published(forms.head(workspaceId, appId, formId).orElseThrow(() -> ProblemException.notFound("@thing.form")));
    }

    /** The published version of a form whose head the caller has read; a form never published is refused. */
    public PublishedForm published(FormRepository.Head form) throws SQLException {
        if (form.publishedVersion() == null) {
            throw ProblemException.conflict("form.notPublished", form.name());
        }
        return forms.published(form).orElseThrow();
    }

    @Transactional(rollbackOn = Exception.class)
    public void delete(UUID workspaceId, UUID appId, UUID formId) throws SQLException {
        guard.require(workspaceId, Permission.APP_MANAGE);
        StoredForm form = find(workspaceId, appId, formId, true);
        long records = fieldData.countRecords(form.id());
        if (records > 0) {
            throw ProblemException.conflict("form.hasRecords", form.draft().name(), records);
        }
        forms.delete(workspaceId, appId, formId);
    }

    private Optional<FormSchema> publishedSchema(StoredForm form) throws SQLException {
        return form.published() ? forms.published(form, form.publishedVersion()).map(PublishedForm::schema) : Optional.empty();
    }

    private StoredForm find(UUID workspaceId, UUID appId, UUID formId, boolean forUpdate) throws SQLException {
        return forms.find(workspaceId, appId, formId, forUpdate).orElseThrow(() -> ProblemException.notFound("@thing.form"));
    }
}
