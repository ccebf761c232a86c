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
import java.util.regex.Pattern;

/**
 * A mainland China mobile number, stored as its 11 digits. Spaces, dashes and a +86/0086 prefix are
 * accepted on input ("+86 138-0013-8000" is stored as "13800138000").
 */
public final class PhoneType implements FieldType {
    static final String PATTERN = "^1[3-9][0-9]{9}$";
    private static final Pattern MOBILE = Pattern.compile(PATTERN);

    @Override
    public String key() {
        return "phone";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.trimmed(value);
        if (text.length() > 30) {
            throw new InvalidValue("form.value.phone");
        }
        String digits = text.replaceAll("[\\s\\-()]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        if (!MOBILE.matcher(digits).matches()) {
            throw new InvalidValue("form.value.phone");
        }
        return TextNode.valueOf(digits);
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("pattern", PATTERN);
    }
}
