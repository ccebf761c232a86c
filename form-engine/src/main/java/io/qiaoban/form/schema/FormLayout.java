package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.problem.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a form is laid out for people filling it in: {@code layout} is a list, in display order, of
 * {@code {"field": key, "span": 24|12|8|6}} (the field's width on a 24-column row: whole, half, third,
 * quarter; whole when left out) and {@code {"section": title}} (a heading that starts a group of
 * fields). Fields the layout does not place come after it, whole width, in the order of
 * {@code fields}; that order stays the one of data (grid columns, exports, JSON Schema). The layout
 * changes nothing about records: it is checked here so that what the designer saves can always be
 * drawn.
 */
public final class FormLayout {
    public static final List<Integer> SPANS = List.of(24, 12, 8, 6);
    private static final String SPAN_LIST = SPANS.stream().map(String::valueOf).collect(Collectors.joining(", "));
    static final int MAX_TITLE = 100;
    private static final Set<String> FIELD_ITEM = Set.of("field", "span");
    private static final Set<String> SECTION_ITEM = Set.of("section");

    private FormLayout() {
    }

    /** Problems of a layout against the form's fields, with paths like {@code layout[2].span}. */
    public static List<FieldError> problems(JsonNode layout, List<FieldDefinition> fields) {
        List<FieldError> errors = new ArrayList<>();
        if (layout == null || layout.isNull()) {
            return errors;
        }
        if (!layout.isArray()) {
            errors.add(FieldError.of("layout", "form.def.malformed"));
            return errors;
        }
        int most = 2 * fields.size() + 50;
        if (layout.size() > most) {
            errors.add(FieldError.of("layout", "form.def.tooMany", most));
            return errors;
        }
        Set<String> keys = new HashSet<>();
        fields.forEach(f -> keys.add(f.key()));
        Set<String> placed = new HashSet<>();
        for (int i = 0; i < layout.size(); i++) {
            JsonNode item = layout.get(i);
            String path = "layout[" + i + "]";
            if (isItem(item, FIELD_ITEM, "field")) {
                String key = item.get("field").asText();
                if (!keys.contains(key)) {
                    errors.add(FieldError.of(path + ".field", "form.value.unknownField"));
                } else if (!placed.add(key)) {
                    errors.add(FieldError.of(path + ".field", "form.def.placedTwice", key));
                }
                JsonNode span = item.get("span");
                if (span != null && !(span.isInt() && SPANS.contains(span.asInt()))) {
                    errors.add(FieldError.of(path + ".span", "form.def.oneOf", SPAN_LIST));
                }
            } else if (isItem(item, SECTION_ITEM, "section")) {
                String title = item.get("section").asText();
                if (title.isBlank() || title.length() > MAX_TITLE) {
                    errors.add(FieldError.of(path + ".section", "form.def.label"));
                }
            } else {
                errors.add(FieldError.of(path, "form.def.malformed"));
            }
        }
        return errors;
    }

    /** An object with a text {@code named} member and no member outside {@code allowed}. */
    private static boolean isItem(JsonNode item, Set<String> allowed, String named) {
        if (item == null || !item.isObject() || !item.path(named).isTextual()) {
            return false;
        }
        for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
            if (!allowed.contains(it.next())) {
                return false;
            }
        }
        return true;
    }
}
