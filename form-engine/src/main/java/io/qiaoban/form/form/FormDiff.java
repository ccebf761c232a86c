package io.qiaoban.form.form;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FormSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What publishing a draft changes compared with the published version: shown before the builder confirms. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormDiff(boolean firstVersion, boolean nameChanged, List<FieldRef> added, List<FieldRef> removed,
        List<FieldChange> changed, boolean layoutChanged) {

    public record FieldRef(String key, String label, String type) {
    }

    /** A field in both versions, and which of its properties differ ("label", "type", "required"...). */
    public record FieldChange(String key, String label, List<String> properties, String fromType, String toType) {
    }

    public boolean empty() {
        return !firstVersion && !nameChanged && added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !layoutChanged;
    }

    public static FormDiff between(FormSchema published, FormSchema draft) {
        if (published == null) {
            return new FormDiff(true, false, draft.fields().stream().map(FormDiff::ref).toList(), List.of(), List.of(),
                    false);
        }
        List<FieldRef> added = new ArrayList<>();
        List<FieldChange> changed = new ArrayList<>();
        for (FieldDefinition f : draft.fields()) {
            Optional<FieldDefinition> before = published.field(f.key());
            if (before.isEmpty()) {
                added.add(ref(f));
                continue;
            }
            List<String> properties = new ArrayList<>();
            FieldDefinition b = before.get();
            compare(properties, "label", b.label(), f.label());
            compare(properties, "type", b.type(), f.type());
            compare(properties, "required", b.isRequiredField(), f.isRequiredField());
            compare(properties, "unique", b.isUniqueField(), f.isUniqueField());
            compare(properties, "indexed", b.isIndexedField(), f.isIndexedField());
            compare(properties, "default", b.defaultValue(), f.defaultValue());
            compare(properties, "help", b.help(), f.help());
            compare(properties, "validation", b.validation(), f.validation());
            compare(properties, "options", b.options(), f.options());
            if (!properties.isEmpty()) {
                changed.add(new FieldChange(f.key(), f.label(), properties, b.type(), f.type()));
            }
        }
        List<FieldRef> removed = published.fields().stream().filter(f -> draft.field(f.key()).isEmpty()).map(FormDiff::ref).toList();
        return new FormDiff(false, !Objects.equals(published.name(), draft.name()), added, removed, changed,
                !Objects.equals(published.layout(), draft.layout()) || !Objects.equals(published.settings(), draft.settings()));
    }

    private static void compare(List<String> properties, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            properties.add(name);
        }
    }

    private static FieldRef ref(FieldDefinition f) {
        return new FieldRef(f.key(), f.label(), f.type());
    }
}
