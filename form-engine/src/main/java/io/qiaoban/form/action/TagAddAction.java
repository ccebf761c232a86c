package io.qiaoban.form.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.record.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * "tag.add": adds tags ("复购", "高价值") to a tags field of a record, keeping the ones it has. The
 * record is read under lock, so two flows tagging the same customer at once both land; a tag it has
 * already changes nothing (no update, no event).
 */
@ApplicationScoped
public class TagAddAction implements Action {
    private final FormRepository forms;
    private final RecordQueries queries;
    private final RecordService records;
    private final ObjectMapper json;
    private final JsonNode schema;

    TagAddAction(FormRepository forms, RecordQueries queries, RecordService records, ObjectMapper json) {
        this.forms = forms;
        this.queries = queries;
        this.records = records;
        this.json = json;
        this.schema = RecordActions.schema(json, """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "title": "加标签 / Add tags",
                 "required": ["form", "record", "field", "tags"], "additionalProperties": false,
                 "properties": {
                   "form": {"type": "string", "title": "表单 / Form", "minLength": 1, "maxLength": 64},
                   "record": {"type": "string", "title": "记录 ID / Record id",
                              "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
                   "field": {"type": "string", "title": "标签字段 / Tags field", "minLength": 1, "maxLength": 64},
                   "tags": {"type": "array", "title": "标签 / Tags", "minItems": 1, "maxItems": 20,
                            "items": {"type": "string", "minLength": 1, "maxLength": 40}}}}""");
    }

    @Override
    public String key() {
        return "tag.add";
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) throws Exception {
        PublishedForm form = RecordActions.form(forms, context, config);
        String field = config.path("field").asText();
        if (form.schema().fields().stream().noneMatch(f -> f.key().equals(field) && "tags".equals(f.type()))) {
            throw ProblemException.invalid("field", "form.action.notTags", field);
        }
        UUID id = RecordActions.recordId(config);
        StoredRecord current = queries.find(form, FormAccess.system(), id, true).filter(r -> !r.deleted())
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        Set<String> tags = new LinkedHashSet<>();
        current.data().path(field).forEach(t -> tags.add(t.asText()));
        int before = tags.size();
        config.path("tags").forEach(t -> tags.add(t.asText().strip()));
        if (tags.size() == before) {
            return new ActionResult(json.createObjectNode().put("recordId", id.toString()).put("changed", false),
                    "record " + id + " already has these tags");
        }
        ArrayNode all = json.createArrayNode();
        tags.forEach(all::add);
        StoredRecord updated = records.update(form, FormAccess.system(), id, json.createObjectNode().set(field, all), null,
                context.chainDepth() + 1);
        return new ActionResult(json.createObjectNode().put("recordId", id.toString()).put("changed", true)
                .put("version", updated.version()), "tagged record " + id + " in " + form.key());
    }
}
