package io.qiaoban.form.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.web.IfMatch;
import io.qiaoban.form.form.FormDiff;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.FormService;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.FormSchema;
import io.qiaoban.form.schema.JsonSchemaExport;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Forms of an app: design the draft, see what publishing changes, publish, versions, JSON Schema. */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms")
public class FormResource {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FormView(UUID id, UUID appId, String key, String name, List<FieldDefinition> fields, JsonNode layout,
            ObjectNode settings, int draftVersion, Integer publishedVersion, boolean changedSincePublish, Instant updatedAt) {
    }

    /** The version in force: what records are entered and shown with, while the draft may differ. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublishedView(UUID id, String key, String name, List<FieldDefinition> fields, JsonNode layout,
            ObjectNode settings, int version) {
    }

    public record FormSummary(UUID id, String key, String name, int fieldCount, int draftVersion, Integer publishedVersion,
            boolean changedSincePublish, Instant updatedAt) {
    }

    private final FormService forms;
    private final FormTargets targets;
    private final JsonSchemaExport jsonSchema = new JsonSchemaExport(FieldTypes.standard());

    FormResource(FormService forms, FormTargets targets) {
        this.forms = forms;
        this.targets = targets;
    }

    @GET
    public List<FormSummary> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId) throws Exception {
        return forms.list(workspaceId, appId).stream().map(f -> new FormSummary(f.id(), f.key(), f.draft().name(),
                f.draft().fields().size(), f.draftVersion(), f.publishedVersion(), changed(f), f.updatedAt())).toList();
    }

    @POST
    public Response create(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            io.qiaoban.form.schema.FormSchema draft) throws Exception {
        StoredForm form = forms.create(workspaceId, appId, required(draft));
        return Response.status(201).entity(view(form)).tag(String.valueOf(form.draftVersion())).build();
    }

    @GET
    @Path("/{formId}")
    public Response get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        StoredForm form = forms.get(workspaceId, appId, formId);
        FormView shown = view(form);
        if (!forms.designs(workspaceId)) {
            // the bookkeeping only: the fields come from /published, as the caller's role may see them
            shown = new FormView(shown.id(), shown.appId(), shown.key(), shown.name(), List.of(), null, null, shown.draftVersion(),
                    shown.publishedVersion(), shown.changedSincePublish(), shown.updatedAt());
        }
        return Response.ok(shown).tag(String.valueOf(form.draftVersion())).build();
    }

    @PUT
    @Path("/{formId}")
    public Response update(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @HeaderParam("If-Match") String ifMatch, io.qiaoban.form.schema.FormSchema draft)
            throws Exception {
        StoredForm form = forms.update(workspaceId, appId, formId, IfMatch.intVersion(ifMatch), required(draft));
        return Response.ok(view(form)).tag(String.valueOf(form.draftVersion())).build();
    }

    @GET
    @Path("/{formId}/diff")
    public FormDiff diff(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        return forms.diff(workspaceId, appId, formId);
    }

    @POST
    @Path("/{formId}/publish")
    public Response publish(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        StoredForm form = forms.publish(workspaceId, appId, formId);
        return Response.ok(view(form)).tag(String.valueOf(form.draftVersion())).build();
    }

    @GET
    @Path("/{formId}/versions")
    public List<FormRepository.Version> versions(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        return forms.versions(workspaceId, appId, formId);
    }

    /**
     * The version in force as the caller may see it: the fields hidden from their role are left out,
     * with their places in the layout and the title setting when it names one.
     */
    @GET
    @Path("/{formId}/published")
    public PublishedView published(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        PublishedForm p = t.form();
        FormSchema shown = p.schema().without(t.access().hiddenFields());
        return new PublishedView(p.formId(), p.key(), shown.name(), shown.fields(), shown.layout(), shown.settings(), p.version());
    }

    /**
     * The published version as JSON Schema (draft 2020-12), for API users and their validators: as the
     * caller's role may see it (the fields it hides are no properties of theirs, as in {@code /published}).
     */
    @GET
    @Path("/{formId}/json-schema")
    @Produces({"application/schema+json", "application/json"})
    public ObjectNode schema(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        FormTargets.Target t = targets.viewable(workspaceId, appId, formId);
        PublishedForm form = t.form();
        return jsonSchema.of(form.schema().without(t.access().hiddenFields()),
                "https://qiaoban.io/schemas/forms/" + form.formId() + "/v" + form.version());
    }

    @DELETE
    @Path("/{formId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId) throws Exception {
        forms.delete(workspaceId, appId, formId);
        return Response.noContent().build();
    }

    private static io.qiaoban.form.schema.FormSchema required(io.qiaoban.form.schema.FormSchema draft) {
        if (draft == null) {
            throw ProblemException.invalid("", "required");
        }
        return draft;
    }

    private static FormView view(StoredForm f) {
        return new FormView(f.id(), f.appId(), f.key(), f.draft().name(), f.draft().fields(), f.draft().layout(),
                f.draft().settings(), f.draftVersion(), f.publishedVersion(), changed(f), f.updatedAt());
    }

    private static boolean changed(StoredForm f) {
        return f.changedSincePublish();
    }
}
