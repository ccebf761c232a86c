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
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** An http(s) address with a host, at most 2,000 characters: a link users will click, so no javascript: or data:. */
public final class UrlType implements FieldType {
    static final String PATTERN = "^https?://[^\\s/?#]+([/?#][^\\s]*)?$";

    @Override
    public String key() {
        return "url";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.trimmed(value);
        if (text.length() > 2000 || text.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidValue("form.value.url");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
                throw new InvalidValue("form.value.url");
            }
            return TextNode.valueOf(scheme + text.substring(scheme.length()));
        } catch (URISyntaxException e) {
            throw new InvalidValue("form.value.url");
        }
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("maxLength", 2000).put("pattern", PATTERN);
    }
}
