package io.qiaoban.form.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.DerivedHiddenFields;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.form.StoredForm;
import io.qiaoban.form.record.RecordRepository;
import io.qiaoban.form.record.StoredRecord;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.core.workspace.WorkspaceZones;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reads records: one by id, or a page of a filtered, sorted list continued by cursor. The caller's
 * row filter is part of the SQL (so a member with a row filter pays no more than an admin), the
 * form and workspace ids are written into it (UUIDs) so PostgreSQL can use the form's partial
 * indexes and keep one plan per statement ({@link #statement}), and a page is one query: its total
 * is known only when the first page holds every match; otherwise it is counted on request
 * ({@link #count}, which the UI asks for after the page is shown, and an export before it starts).
 * Estimating the total with the page cost a second planning of the same query
 * on every first page, and a row filter makes that estimate unreliable anyway (the planner cannot
 * know how many records are "mine").
 */
@ApplicationScoped
public class RecordQueries {
    /** {@link #count} stops here: beyond, "more than a million" is what a person needs to know. */
    public static final int COUNT_LIMIT = 1_000_000;
    private static final String COLUMNS = columns("r.data::text");

    private final AgroalDataSource db;
    private final RecordRepository recordRows;
    private final FormRepository forms;
    private final DerivedHiddenFields derived;
    private final WorkspaceZones zones;
    private final ObjectMapper json;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();
    private final FilterCompiler filters = new FilterCompiler(types);

    RecordQueries(AgroalDataSource db, RecordRepository recordRows, FormRepository forms, DerivedHiddenFields derived,
            WorkspaceZones zones, ObjectMapper json, Clock clock) {
        this.derived = derived;
        this.db = db;
        this.recordRows = recordRows;
        this.forms = forms;
        this.zones = zones;
        this.json = json;
        this.clock = clock;
    }

    /** A page: the records, the cursor of the next page (null at the end) and the total. */
    public record Page<T>(List<T> records, String nextCursor, Total total) {
    }

    public record Total(long value, boolean exact) {
    }

    /** Which records to list: a filter, a sort, where to continue, how many, and whether from the trash. */
    public record ListRequest(JsonNode filter, String sort, String cursor, int limit, boolean deleted) {
    }

    public QueryContext context(PublishedForm form, FormAccess access) {
        return new QueryContext(form.formId(), form.schema(), key -> related(form, key), access.userId(), clock.instant(),
                zones.zone(form.workspaceId()));
    }

    /**
     * The context of what a caller asks for (their filter and sort): the fields hidden from them are no
     * fields of the form, so that filtering or sorting by one cannot tell them its values. The row
     * filter their role was given is compiled with the whole form ({@link #context}).
     */
    private QueryContext asked(PublishedForm form, FormAccess access) {
        QueryContext all = context(form, access);
        if (access.userId() == null) {
            return all;
        }
        return new QueryContext(all.formId(), form.schema().without(access.hiddenFields()),
                key -> relatedForCaller(form, access.userId(), key), all.userId(), all.now(), all.zone());
    }

    private Optional<QueryContext.Related> related(PublishedForm form, String key) {
        return relatedForm(form, key).map(p -> QueryContext.Related.whole(p.formId(), p.schema()));
    }

    /**
     * The form a relation points to as the caller sees it: "customer.spend" must not tell them what the
     * customer form hides from them, nor anything of customers outside their row filter there. A form
     * they may not view has no fields to filter by.
     */
    private Optional<QueryContext.Related> relatedForCaller(PublishedForm form, UUID userId, String key) {
        Optional<PublishedForm> target = relatedForm(form, key);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        try {
            // completed: a formula there that reads a field hidden there is no field to filter by either
            Optional<FormAccess> access = derived.forUser(target.get(), userId);
            if (access.isEmpty() || !access.get().view()) {
                return Optional.empty();
            }
            return Optional.of(new QueryContext.Related(target.get().formId(),
                    target.get().schema().without(access.get().hiddenFields()), access.get().rowFilter(),
                    context(target.get(), access.get())));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<PublishedForm> relatedForm(PublishedForm form, String key) {
        try {
            Optional<StoredForm> target = forms.findByKey(form.workspaceId(), form.appId(), key);
            if (target.isEmpty() || !target.get().published()) {
                return Optional.empty();
            }
            return forms.published(target.get(), target.get().publishedVersion());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names (values of {@code titleField}) of those of these records that exist for the caller, as
     * text: how an export shows the records a relation points to.
     */
    public Map<UUID, String> titles(PublishedForm form, FormAccess access, String titleField, Collection<UUID> ids)
            throws SQLException {
        Map<UUID, String> titles = new HashMap<>(live(form, access, titleField, ids));
        titles.values().removeIf(t -> t == null || t.isBlank());
        return titles;
    }

    /**
     * Which of these ids are live records of the form that exist for the caller (inside their row
     * filter): what a relation value may point to.
     */
    public Set<UUID> visibleIds(PublishedForm form, FormAccess access, Collection<UUID> ids) throws SQLException {
        return live(form, access, "", ids).keySet();
    }

    /** Those of these records that are live and inside the caller's row filter, each with the text of a field. */
    private Map<UUID, String> live(PublishedForm form, FormAccess access, String textField, Collection<UUID> ids)
            throws SQLException {
        if (ids.isEmpty() || !access.view()) {
            return Map.of();
        }
        SqlFragment row = filters.compile(access.rowFilter(), context(form, access));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select r.id, r.data ->> ? from record r where r.workspace_id = ? and r.form_id = ? "
                        + "and r.deleted_at is null and r.id = any (?) and " + row.sql())) {
            ps.setString(1, textField);
            ps.setObject(2, form.workspaceId());
            ps.setObject(3, form.formId());
            ps.setArray(4, c.createArrayOf("uuid", ids.toArray()));
            row.bind(ps, 5);
            Map<UUID, String> found = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            return found;
        }
    }

    /** The record if it exists for this caller: of this form, and inside their row filter. */
    public Optional<StoredRecord> find(PublishedForm form, FormAccess access, UUID id, boolean forUpdate) throws SQLException {
        QueryContext context = context(form, access);
        SqlFragment row = filters.compile(access.rowFilter(), context);
        String sql = "select " + COLUMNS + " from record r where r.workspace_id = ? and r.form_id = ? and r.id = ? and "
                + row.sql() + (forUpdate ? " for update of r" : "");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, form.workspaceId());
            ps.setObject(2, form.formId());
            ps.setObject(3, id);
            row.bind(ps, 4);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(recordRows.read(rs)) : Optional.empty();
            }
        }
    }

    public Page<StoredRecord> list(PublishedForm form, FormAccess access, ListRequest request) throws SQLException {
        return page(form, access, request, List.of(), recordRows::read);
    }

    /**
     * A page as the caller may see it, for the records API: each record's JSON is passed through as
     * PostgreSQL writes it, without the caller's hidden fields (removed by the query). Parsing every
     * record's data only to write it out again was most of a page's Java time.
     */
    public Page<ListedRecord> listVisible(PublishedForm form, FormAccess access, ListRequest request) throws SQLException {
        return page(form, access, request, List.copyOf(access.hiddenFields()), ListedRecord::read);
    }

    /** A record's columns, in {@link RecordRepository#read}'s order, its data as {@code data}. */
    private static String columns(String data) {
        return "r.id, r.workspace_id, r.form_id, r.form_version, " + data + ", r.version, "
                + "r.created_by, r.created_at, r.updated_by, r.updated_at, r.deleted_at";
    }

    /** The query of a page in its sort, prepared and bound on the connection that runs it. */
    record PageStatement(String sql, RecordSort sort, Binder binder) {
        interface Binder {
            void bind(Connection c, PreparedStatement ps) throws SQLException;
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql);
            try {
                binder.bind(c, ps);
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
    }

    /**
     * The query of a page: one statement whose text depends only on the form, the filter's shape and the
     * sort, so that PostgreSQL plans it once per connection. The page size is written into it: bound, it
     * left PostgreSQL's generic plan guessing a tenth of the form's rows, always dearer than planning the
     * page afresh, which it then did on every request (0.2 ms, the records page's largest cost after its
     * rows; bench, docs/performance.md).
     */
    PageStatement statement(PublishedForm form, FormAccess access, ListRequest request, List<String> removedKeys) {
        SqlFragment row = filters.compile(access.rowFilter(), context(form, access));
        SqlFragment filter = filters.compile(request.filter(), asked(form, access));
        RecordSort sort = RecordSort.parse(request.sort(), form.schema().without(access.hiddenFields()), types);
        SqlFragment after = after(request, sort);
        String columns = removedKeys.isEmpty() ? COLUMNS : columns("(r.data - ?::text[])::text");
        // one more than asked for, to know whether a next page exists: an int, never text from a request
        String sql = "select " + columns + ", " + sort.valueSelect() + where(form, row, filter, request.deleted()) + " and "
                + after.sql() + " order by " + sort.orderBy() + " limit " + (request.limit() + 1);
        return new PageStatement(sql, sort, (c, ps) -> {
            int i = 1;
            if (!removedKeys.isEmpty()) {
                ps.setArray(i++, c.createArrayOf("text", removedKeys.toArray()));
            }
            i = row.bind(ps, i);
            i = filter.bind(ps, i);
            after.bind(ps, i);
        });
    }

    /** Where a page continues: after its cursor's record, or from the start. */
    private static SqlFragment after(ListRequest request, RecordSort sort) {
        if (request.cursor() == null || request.cursor().isBlank()) {
            return SqlFragment.TRUE;
        }
        Cursor cursor = Cursor.decode(request.cursor(), sort.spec());
        sort.checkCursorValue(cursor.value());
        return sort.after(cursor.value(), cursor.id());
    }

    /** Reads one row of {@link #COLUMNS} into what a page holds. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A page whose records' data lack {@code removedKeys} (removed by the query). */
    private <T> Page<T> page(PublishedForm form, FormAccess access, ListRequest request, List<String> removedKeys,
            RowReader<T> reader) throws SQLException {
        PageStatement statement = statement(form, access, request, removedKeys);
        List<T> records = new ArrayList<>();
        String next = null;
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = statement.prepare(c); ResultSet rs = ps.executeQuery()) {
                String lastValue = null;
                UUID lastId = null;
                while (rs.next()) {
                    if (records.size() == request.limit()) {
                        next = new Cursor(statement.sort().spec(), lastValue, lastId).encode();
                        break;
                    }
                    records.add(reader.read(rs));
                    lastId = rs.getObject(1, UUID.class);
                    lastValue = rs.getString(12);
                }
            }
            boolean firstPage = request.cursor() == null || request.cursor().isBlank();
            // a first page without a next one holds every match: its size is the exact total. Any other total
            // is counted in the background (GET .../count, asked once the page shows): the page is one query
            Total total = firstPage && next == null ? new Total(records.size(), true) : null;
            return new Page<>(records, next, total);
        }
    }

    /**
     * Refuses a filter or sort the records list would refuse, the same way, without running a query:
     * for what is saved now and listed later (views, exports).
     */
    public void checkView(PublishedForm form, FormAccess access, JsonNode filter, String sort) {
        filters.compile(filter, asked(form, access));
        RecordSort.parse(sort, form.schema().without(access.hiddenFields()), types);
    }

    /**
     * The exact number of records of a view, with the caller's row filter; past {@link #COUNT_LIMIT}
     * the planner's estimate (not exact).
     */
    public Total count(PublishedForm form, FormAccess access, JsonNode filterNode, boolean deleted) throws SQLException {
        SqlFragment row = filters.compile(access.rowFilter(), context(form, access));
        SqlFragment filter = filters.compile(filterNode, asked(form, access));
        String where = where(form, row, filter, deleted);
        try (Connection c = db.getConnection()) {
            Total counted = cappedCount(c, where, row, filter, COUNT_LIMIT);
            return counted.exact() ? counted : new Total(Math.max(counted.value(), estimate(c, where, row, filter)), false);
        }
    }

    /** The FROM and WHERE of a view; binds: the row filter's, then the filter's. */
    private static String where(PublishedForm form, SqlFragment row, SqlFragment filter, boolean deleted) {
        // the form and its workspace are UUIDs we hold, written into the SQL: so that the form's partial indexes
        // apply, and so that a plan PostgreSQL keeps for the statement is the plan it would make for these values
        return " from record r where r.form_id = '" + form.formId() + "' and r.workspace_id = '" + form.workspaceId()
                + "' and r.deleted_at is " + (deleted ? "not null" : "null") + " and " + row.sql() + " and " + filter.sql();
    }

    /** The planner's estimate of how many records a view holds (no rows read). */
    private long estimate(Connection c, String where, SqlFragment row, SqlFragment filter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("explain (format json) select 1" + where)) {
            filter.bind(ps, row.bind(ps, 1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return json.readTree(rs.getString(1)).path(0).path("Plan").path("Plan Rows").asLong();
            } catch (JsonProcessingException e) {
                return 0;
            }
        }
    }

    private Total cappedCount(Connection c, String where, SqlFragment row, SqlFragment filter, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from (select 1" + where + " limit "
                + (limit + 1) + ") x")) {
            filter.bind(ps, row.bind(ps, 1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long capped = rs.getLong(1);
                return new Total(Math.min(capped, limit), capped <= limit);
            }
        }
    }
}
