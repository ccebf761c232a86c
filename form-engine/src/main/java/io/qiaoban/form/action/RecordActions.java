package io.qiaoban.form.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import java.sql.SQLException;
import java.util.UUID;

/** What the record actions share: finding the form named in a config within the action's app. */
final class RecordActions {
    private RecordActions() {
    }

    static PublishedForm form(FormRepository forms, ActionContext context, JsonNode config) throws SQLException {
        if (context.appId() == null) {
            throw ProblemException.invalid("form", "form.action.noApp");
        }
        String key = config.path("form").asText();
        return forms.publishedByKey(context.workspaceId(), context.appId(), key)
                .orElseThrow(() -> ProblemException.invalid("form", "form.def.noSuchForm", key));
    }

    /** The record a config names in "record" (an id). */
    static UUID recordId(JsonNode config) {
        try {
            return UUID.fromString(config.path("record").asText());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("record", "form.value.id");
        }
    }

    static ObjectNode values(JsonNode config) {
        JsonNode values = config.path("values");
        return values.isObject() ? (ObjectNode) values.deepCopy() : JsonNodeFactory.instance.objectNode();
    }

    static JsonNode schema(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
