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
import java.util.UUID;

/**
 * "record.update": sets fields of a record, e.g. {@code {"form": "customer", "record": "=recordId",
 * "values": {"level": "钻石"}}} when cumulative spend passes 5,000. Setting a value a record already
 * holds writes nothing and raises no event, so a rule reacting to its own update stops there.
 */
@ApplicationScoped
public class RecordUpdateAction implements Action {
    private final FormRepository forms;
    private final RecordService records;
    private final JsonNode schema;
    private final ObjectMapper json;

    RecordUpdateAction(FormRepository forms, RecordService records, ObjectMapper json) {
        this.forms = forms;
        this.records = records;
        this.json = json;
        this.schema = RecordActions.schema(json, """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "required": ["form", "record", "values"], "additionalProperties": false,
                 "properties": {
                   "form": {"type": "string", "title": "表单 / Form", "minLength": 1, "maxLength": 64},
                   "record": {"type": "string", "title": "记录 ID / Record id",
                              "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
                   "values": {"type": "object", "title": "字段值 / Values", "minProperties": 1}}}""");
    }

    @Override
    public String key() {
        return "record.update";
    }

    @Override
    public JsonNode configSchema() {
        return schema;
    }

    @Override
    public ActionResult execute(ActionContext context, JsonNode config) throws Exception {
        PublishedForm form = RecordActions.form(forms, context, config);
        UUID id = RecordActions.recordId(config);
        StoredRecord record = records.update(form, FormAccess.system(), id, RecordActions.values(config), null,
                context.chainDepth() + 1);
        return new ActionResult(json.createObjectNode().put("recordId", record.id().toString())
                .put("version", record.version()), "updated record " + record.id() + " in " + form.key());
    }
}
