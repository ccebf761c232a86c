package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A calendar day, stored as "yyyy-MM-dd" (text order is date order, so one text index serves
 * filters and sorting). "2026/11/24" and "2026年11月24日" are read too: that is how Chinese
 * spreadsheets write them.
 */
public final class DateType implements FieldType {
    static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("uuuu年M月d日").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-M-d").withResolverStyle(ResolverStyle.STRICT);

    @Override
    public String key() {
        return "date";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.DATE;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.trimmed(value);
        LocalDate date = parse(text);
        if (date == null || date.getYear() < 1 || date.getYear() > 9999) {
            throw new InvalidValue("form.value.date");
        }
        return TextNode.valueOf(date.toString());
    }

    static LocalDate parse(String text) {
        if (text.length() > 20) {
            return null;
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {DASHED, SLASHED, CHINESE}) {
            try {
                return LocalDate.parse(text, f);
            } catch (DateTimeParseException next) {
                // try the next spelling
            }
        }
        return null;
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("pattern", PATTERN);
    }
}
