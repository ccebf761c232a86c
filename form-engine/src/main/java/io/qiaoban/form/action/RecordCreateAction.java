package io.qiaoban.form.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.action.Action;
import io.qiaoban.core.action.ActionContext;
import io.qiaoban.core.action.ActionResult;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.record.StoredRecord;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "record.create": adds a record to a form of the app, e.g. a follow-up task when a complaint
 * arrives. Config: {@code {"form": "task", "values": {"title": "=..."}}}. The action's idempotency key
 * is also the record's, so a retried step never creates two records.
 */
@ApplicationScoped
public class RecordCreateAction implements Action {
    private final FormRepository forms;
    private final RecordService records;
    private final JsonNode schema;
    private final ObjectMapper json;

    RecordCreateAction(FormRepository forms, RecordService records, ObjectMapper json) {
        this.forms = forms;
        this.records = records;
        this.json = json;
        this.schema = RecordActions.schema(json, """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["form", "values"],
                 "additionalProperties": false,
                 "properties": {
                   "form": {"type": "string", "title": "表单 / Form", "minLength": 1, "maxLength": 64},
                   "values": {"type": "object", "title": "字段值 / Values"}}}""");
    }

    @Override
    public String key() {
        return "record.create";
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) throws Exception {
        PublishedForm form = RecordActions.form(forms, context, config);
        StoredRecord record = records.create(form, FormAccess.system(), RecordActions.values(config),
                context.idempotencyKey(), context.chainDepth() + 1).record();
        return new ActionResult(json.createObjectNode().put("recordId", record.id().toString()),
                "created record " + record.id() + " in " + form.key());
    }
}
