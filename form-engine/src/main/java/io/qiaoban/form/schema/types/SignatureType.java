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
import java.util.Arrays;
import java.util.Base64;

/**
 * A handwritten signature drawn on the signature pad, stored as a PNG data URL of at most 200 KB.
 * The bytes must really be a PNG: a data URL is rendered by browsers, so nothing else gets in.
 */
public final class SignatureType implements FieldType {
    static final String PREFIX = "data:image/png;base64,";
    static final int MAX_BYTES = 200 * 1024;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    @Override
    public String key() {
        return "signature";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.STRUCTURED;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.text(value);
        if (!text.startsWith(PREFIX)) {
            throw new InvalidValue("form.value.signature");
        }
        if (text.length() > PREFIX.length() + (MAX_BYTES / 3 + 1) * 4) {
            throw new InvalidValue("form.value.signatureTooLarge", MAX_BYTES / 1024);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidValue("form.value.signature");
        }
        if (bytes.length < PNG_MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, PNG_MAGIC.length), PNG_MAGIC)) {
            throw new InvalidValue("form.value.signature");
        }
        return TextNode.valueOf(text);
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        return "[signature]";
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("pattern", "^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$")
                .put("maxLength", PREFIX.length() + (MAX_BYTES / 3 + 1) * 4);
    }
}
