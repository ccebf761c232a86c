package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A form's {@code settings}. {@code titleField}: the field that names a record of the form wherever
 * one record is shown among others (relation pickers, linked values, board cards, the record's
 * drawer); without it the first text-like field does. Any other setting is refused rather than
 * stored unread.
 */
public final class FormSettings {
    /** Field types whose value can name a record, in the order a form without a title field tries them. */
    public static final List<String> NAMING_TYPES = List.of("text", "serial", "phone", "email", "select", "url");
    private static final Set<String> KNOWN = Set.of("titleField");

    private FormSettings() {
    }

    /**
     * The field whose value names a record of the form: its title field, else the first field of a naming
     * type (in {@link #NAMING_TYPES}' order), as the UI's labelFieldOf; empty when none can.
     */
    public static Optional<FieldDefinition> titleFieldOf(FormSchema schema) {
        String chosen = schema.settings() == null ? null : schema.settings().path("titleField").asText(null);
        if (chosen != null) {
            Optional<FieldDefinition> field = schema.field(chosen).filter(f -> NAMING_TYPES.contains(f.type()));
            if (field.isPresent()) {
                return field;
            }
        }
        for (String type : NAMING_TYPES) {
            Optional<FieldDefinition> first = schema.fields().stream().filter(f -> type.equals(f.type())).findFirst();
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    public static List<FieldError> problems(ObjectNode settings, List<FieldDefinition> fields) {
        List<FieldError> errors = new ArrayList<>();
        if (settings == null) {
            return errors;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = settings.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> setting = it.next();
            if (!KNOWN.contains(setting.getKey())) {
                errors.add(FieldError.of("settings." + setting.getKey(), "form.def.unknownSetting", String.join(", ", KNOWN)));
            }
        }
        JsonNode title = settings.get("titleField");
        if (title != null && !title.isNull()) {
            boolean naming = title.isTextual() && fields.stream()
                    .anyMatch(f -> title.asText().equals(f.key()) && NAMING_TYPES.contains(f.type()));
            if (!naming) {
                errors.add(FieldError.of("settings.titleField", "form.def.titleField"));
            }
        }
        return errors;
    }
}
