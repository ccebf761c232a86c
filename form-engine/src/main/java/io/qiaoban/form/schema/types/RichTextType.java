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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * HTML from the rich-text editor, sanitised on the way in with jsoup's allowlist: formatting, lists,
 * tables, images and http(s)/mailto links stay; scripts, styles, event handlers, iframes and
 * javascript: URLs go. What is stored is safe to render as it is.
 */
public final class RichTextType implements FieldType {
    private static final int MAX = 200_000;
    private static final Safelist SAFE = Safelist.relaxed()
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    @Override
    public String key() {
        return "richtext";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String html = Values.text(value);
        if (html.length() > MAX) {
            throw new InvalidValue("form.value.tooLong", MAX);
        }
        Document.OutputSettings compact = new Document.OutputSettings().prettyPrint(false);
        return TextNode.valueOf(Jsoup.clean(html, "", SAFE, compact));
    }

    /** The text without tags, for exports and search. */
    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        return Jsoup.parse(stored.asText()).text();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("maxLength", MAX).put("contentMediaType", "text/html");
    }
}
