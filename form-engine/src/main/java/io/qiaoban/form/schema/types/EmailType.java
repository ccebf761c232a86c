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
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address: one "@", a dotted domain, no spaces, at most 254 characters; the domain is
 * stored in lower case (the local part is left alone: it may be case-sensitive).
 */
public final class EmailType implements FieldType {
    static final String PATTERN = "^[^\\s@]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[a-z0-9-]{2,63}$";
    private static final Pattern EMAIL = Pattern.compile(PATTERN);

    @Override
    public String key() {
        return "email";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.trimmed(value);
        int at = text.lastIndexOf('@');
        if (text.length() > 254 || at < 0) {
            throw new InvalidValue("form.value.email");
        }
        String normalized = text.substring(0, at) + "@" + text.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches()) {
            throw new InvalidValue("form.value.email");
        }
        return TextNode.valueOf(normalized);
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("maxLength", 254).put("pattern", PATTERN);
    }
}
