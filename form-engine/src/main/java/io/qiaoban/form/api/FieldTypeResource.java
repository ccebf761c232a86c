package io.qiaoban.form.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.form.schema.ChinaDivisions;
import io.qiaoban.form.schema.FieldTypes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** What the form designer needs to know: the field types, and the administrative divisions for addresses. */
@Path("/v1/forms")
public class FieldTypeResource {
    public record FieldTypeView(String key, boolean computed) {
    }

    @GET
    @Path("/field-types")
    public List<FieldTypeView> types() {
        FieldTypes types = FieldTypes.standard();
        return types.keys().stream().map(k -> new FieldTypeView(k, types.type(k).computed())).toList();
    }

    @GET
    @Path("/divisions")
    public JsonNode divisions() {
        return ChinaDivisions.get().tree();
    }
}
