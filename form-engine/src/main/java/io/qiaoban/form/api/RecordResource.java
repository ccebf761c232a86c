package io.qiaoban.form.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.web.IfMatch;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.query.ListedRecord;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.record.HistoryEntry;
import io.qiaoban.form.record.RecordRepository;
import io.qiaoban.form.record.RecordService;
import io.qiaoban.form.record.StoredRecord;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Records of a published form: list (filter, sort, cursor), create (Idempotency-Key), read, change
 * (If-Match), delete to the trash, restore, history. The caller's permissions for the form decide
 * what exists for them and which fields they see. Each call that reads one record or writes is one
 * transaction; a list and its count are plain reads.
 */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/forms/{formId}/records")
public class RecordResource {
    /** Set on a create whose record the creator's row filter leaves out: saved, but they will not see it. */
    public static final String OUTSIDE_ROW_FILTER = "Qiaoban-Outside-Row-Filter";

    static final int MAX_LIMIT = 500;
    static final int MAX_FILTER = 8_000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordView(UUID id, int formVersion, long version, ObjectNode data, UUID createdBy, Instant createdAt,
            UUID updatedBy, Instant updatedAt, Instant deletedAt) {
    }

    public record PageView(List<ListedRecord> items, String nextCursor, RecordQueries.Total total) {
    }

    private final FormTargets targets;
    private final RecordService records;
    private final RecordQueries queries;
    private final RecordRepository rows;
    private final ObjectMapper json;

    RecordResource(FormTargets targets, RecordService records, RecordQueries queries, RecordRepository rows,
            ObjectMapper json) {
        this.targets = targets;
        this.records = records;
        this.queries = queries;
        this.rows = rows;
        this.json = json;
    }

    private FormTargets.Target target(UUID workspaceId, UUID appId, UUID formId) throws Exception {
        return targets.viewable(workspaceId, appId, formId);
    }

    // Reads of a list run without a transaction: each statement reads committed data anyway (READ
    // COMMITTED), and a transaction only added its commit, a round trip, to every page.
    @GET
    public PageView list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit,
            @QueryParam("deleted") @DefaultValue("false") boolean deleted) throws Exception {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "out-of-range", 1, MAX_LIMIT);
        }
        JsonNode parsed = parseFilter(filter);
        FormTargets.Target t = target(workspaceId, appId, formId);
        if (deleted) {
            FormPermissions.require(t.access().delete());
        }
        RecordQueries.Page<ListedRecord> page = queries.listVisible(t.form(), t.access(),
                new RecordQueries.ListRequest(parsed, sort, cursor, limit, deleted));
        return new PageView(page.records(), page.nextCursor(), page.total());
    }

    /** The exact number of records of a view, which the first page only estimates; asked for after it is shown. */
    @GET
    @Path("/count")
    public RecordQueries.Total count(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @QueryParam("filter") String filter,
            @QueryParam("deleted") @DefaultValue("false") boolean deleted) throws Exception {
        JsonNode parsed = parseFilter(filter);
        FormTargets.Target t = target(workspaceId, appId, formId);
        if (deleted) {
            FormPermissions.require(t.access().delete());
        }
        return queries.count(t.form(), t.access(), parsed, deleted);
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    public Response create(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @HeaderParam("Idempotency-Key") String idempotencyKey, ObjectNode body)
            throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ProblemException.invalid("Idempotency-Key", "too-long", 200);
        }
        FormTargets.Target t = target(workspaceId, appId, formId);
        RecordService.Created created = records.create(t.form(), t.access(), body, idempotencyKey, 0);
        StoredRecord r = created.record();
        return Response.status(created.replayed() ? 200 : 201).entity(view(t.access(), r)).tag(String.valueOf(r.version()))
                .header("Idempotent-Replayed", created.replayed() ? "true" : null)
                // the UI warns: the record was saved, but the creator's row filter will not show it to them
                .header(OUTSIDE_ROW_FILTER, created.visibleToCreator() ? null : "true").build();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{recordId}")
    public Response get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId) throws Exception {
        FormTargets.Target t = target(workspaceId, appId, formId);
        StoredRecord r = queries.find(t.form(), t.access(), recordId, false)
                .filter(x -> !x.deleted() || t.access().delete())
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        return Response.ok(view(t.access(), r)).tag(String.valueOf(r.version())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @PATCH
    @Path("/{recordId}")
    public Response update(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId, @HeaderParam("If-Match") String ifMatch,
            ObjectNode body) throws Exception {
        if (body == null) {
            throw ProblemException.invalid("", "required");
        }
        Long expected = IfMatch.version(ifMatch);
        FormTargets.Target t = target(workspaceId, appId, formId);
        StoredRecord r = records.update(t.form(), t.access(), recordId, body, expected, 0);
        return Response.ok(view(t.access(), r)).tag(String.valueOf(r.version())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @DELETE
    @Path("/{recordId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId, @HeaderParam("If-Match") String ifMatch)
            throws Exception {
        Long expected = IfMatch.version(ifMatch);
        FormTargets.Target t = target(workspaceId, appId, formId);
        records.delete(t.form(), t.access(), recordId, expected);
        return Response.noContent().build();
    }

    @Transactional(rollbackOn = Exception.class)
    @POST
    @Path("/{recordId}/restore")
    public Response restore(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId) throws Exception {
        FormTargets.Target t = target(workspaceId, appId, formId);
        StoredRecord r = records.restore(t.form(), t.access(), recordId);
        return Response.ok(view(t.access(), r)).tag(String.valueOf(r.version())).build();
    }

    @Transactional(rollbackOn = Exception.class)
    @GET
    @Path("/{recordId}/history")
    public List<HistoryEntry> history(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("formId") UUID formId, @PathParam("recordId") UUID recordId) throws Exception {
        FormTargets.Target t = target(workspaceId, appId, formId);
        // a record in the trash exists, as for GET, only for those who may delete (and so restore) records
        queries.find(t.form(), t.access(), recordId, false).filter(x -> !x.deleted() || t.access().delete())
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        return rows.history(workspaceId, recordId, 200).stream().map(h -> withoutHidden(t.access(), h)).toList();
    }

    private JsonNode parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        if (filter.length() > MAX_FILTER) {
            throw ProblemException.invalid("filter", "too-long", MAX_FILTER);
        }
        try {
            return json.readTree(filter);
        } catch (Exception e) {
            throw ProblemException.invalid("filter", "form.filter.json");
        }
    }

    private static HistoryEntry withoutHidden(FormAccess access, HistoryEntry h) {
        if (access.hiddenFields().isEmpty() || !h.changes().isArray()) {
            return h;
        }
        ArrayNode visible = ((ArrayNode) h.changes()).arrayNode();
        h.changes().forEach(c -> {
            if (!access.hiddenFields().contains(c.path("field").asText())) {
                visible.add(c);
            }
        });
        return new HistoryEntry(h.id(), h.kind(), h.version(), visible, h.changedBy(), h.changedByName(), h.changedAt());
    }

    private static RecordView view(FormAccess access, StoredRecord r) {
        return new RecordView(r.id(), r.formVersion(), r.version(), access.visible(r.data()), r.createdBy(), r.createdAt(),
                r.updatedBy(), r.updatedAt(), r.deletedAt());
    }
}
