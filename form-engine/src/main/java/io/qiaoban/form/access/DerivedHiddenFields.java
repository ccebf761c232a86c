package io.qiaoban.form.access;

import io.qiaoban.core.workspace.Membership;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.schema.ExpressionNames;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FormSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Hiding a field hides what would show it again: a formula that reads a hidden field ("折扣价 =
 * 累计消费 × 0.9" tells the 累计消费), and a lookup or rollup of a field the role may not see on the
 * form it reads (or of a form it may not view at all). These computed fields are hidden with it,
 * through formulas that read them in turn. A formula counts as reading every field key its text
 * names, strings included: hiding one field too many is the safe mistake. (A lookup of a computed
 * field of the other form is judged by that field's own setting there, not by what it reads.)
 */
@ApplicationScoped
public class DerivedHiddenFields {
    private final FormRepository forms;
    private final FormPermissions permissions;

    DerivedHiddenFields(FormRepository forms, FormPermissions permissions) {
        this.forms = forms;
        this.permissions = permissions;
    }

    /** A member's completed access to a form, for work done on their behalf; empty when they are not a member. */
    public Optional<FormAccess> forUser(PublishedForm form, UUID userId) throws SQLException {
        if (userId == null) {
            return Optional.of(FormAccess.system());
        }
        Optional<Membership> member = Membership.of(form.workspaceId(), userId);
        Optional<FormAccess> access = permissions.forUser(form.workspaceId(), form.formId(), userId);
        if (member.isEmpty() || access.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(complete(access.get(), form, member.get().role.id));
    }

    /** The access with the computed fields that would show its hidden fields hidden too. */
    public FormAccess complete(FormAccess access, PublishedForm form, UUID roleId) throws SQLException {
        FormSchema schema = form.schema();
        if (access.userId() == null || schema.fields().stream().noneMatch(DerivedHiddenFields::computed)) {
            return access;
        }
        Set<String> hidden = new HashSet<>(access.hiddenFields());
        Map<String, Optional<FormAccess>> elsewhere = new HashMap<>();
        for (FieldDefinition field : schema.fields()) {
            if (!hidden.contains(field.key()) && readsHiddenElsewhere(field, form, roleId, hidden, elsewhere)) {
                hidden.add(field.key());
            }
        }
        // formulas reading hidden fields, also those hidden just now, until nothing changes
        boolean grew = true;
        while (grew) {
            grew = false;
            for (FieldDefinition field : schema.fields()) {
                if ("formula".equals(field.type()) && !hidden.contains(field.key()) && namesAny(field, hidden)) {
                    grew = hidden.add(field.key());
                }
            }
        }
        return hidden.size() == access.hiddenFields().size() ? access
                : new FormAccess(access.userId(), access.view(), access.create(), access.edit(), access.delete(),
                        access.rowFilter(), Set.copyOf(hidden));
    }

    private static boolean computed(FieldDefinition field) {
        return switch (field.type()) {
            case "formula", "lookup", "rollup" -> true;
            default -> false;
        };
    }

    private static boolean namesAny(FieldDefinition formula, Set<String> keys) {
        return ExpressionNames.in(formula.option("expression").asText("")).stream().anyMatch(keys::contains);
    }

    /** A lookup or rollup of a field the role does not see on the form it reads. */
    private boolean readsHiddenElsewhere(FieldDefinition field, PublishedForm form, UUID roleId, Set<String> hidden,
            Map<String, Optional<FormAccess>> elsewhere) throws SQLException {
        String formKey;
        if ("lookup".equals(field.type())) {
            Optional<FieldDefinition> relation = form.schema().field(field.option("relation").asText(""));
            if (relation.isEmpty()) {
                return false;
            }
            if (hidden.contains(relation.get().key())) {
                return true; // the link itself is hidden: what it leads to is too
            }
            formKey = relation.get().option("form").asText("");
        } else if ("rollup".equals(field.type())) {
            formKey = field.option("form").asText("");
        } else {
            return false;
        }
        Optional<FormAccess> there = elsewhere.get(formKey);
        if (there == null) {
            there = accessOf(form, formKey, roleId);
            elsewhere.put(formKey, there);
        }
        String read = field.option("field").asText(null);
        return there.isEmpty() || !there.get().view() || (read != null && there.get().hiddenFields().contains(read));
    }

    private Optional<FormAccess> accessOf(PublishedForm form, String formKey, UUID roleId) throws SQLException {
        Optional<StoredForm> target = forms.findByKey(form.workspaceId(), form.appId(), formKey);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        Optional<FormPermissions.Setting> setting = permissions.setting(target.get().id(), roleId);
        return Optional.of(setting.map(s -> new FormAccess(null, s.view(), false, false, false, s.rowFilter(),
                Set.copyOf(s.hiddenFields()))).orElse(new FormAccess(null, true, false, false, false, null, Set.of())));
    }
}
