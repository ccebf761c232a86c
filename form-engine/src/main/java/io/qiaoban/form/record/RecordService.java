package io.qiaoban.form.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.core.file.FileStore;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.workspace.WorkspaceZones;
import io.qiaoban.form.access.FormAccess;
import io.qiaoban.form.access.FormPermissions;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.query.RecordQueries;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.NulCharacters;
import io.qiaoban.form.schema.RecordValidator;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import io.qiaoban.form.schema.types.FileType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writing records: create (idempotent with a key), update (optimistic, only the fields sent),
 * delete to the trash, restore, and the engine's own recomputation of computed fields. Each write is
 * one transaction: validation, computed fields, the row, its unique values, its history entry and
 * its event in the outbox, then recomputation of what depends on it as durable jobs.
 */
@ApplicationScoped
public class RecordService {
    private final RecordRepository records;
    private final RecordQueries queries;
    private final ComputedFields computed;
    private final RecordEvents events;
    private final FormDependencies dependencies;
    private final FormRepository forms;
    private final FormPermissions permissions;
    private final FieldRules rules;
    private final JobQueue jobs;
    private final WorkspaceZones zones;
    private final Clock clock;
    private final FieldTypes types = FieldTypes.standard();
    private final RecordValidator validator = new RecordValidator(types);
    /** The purpose of files uploaded for attachment and image fields. */
    public static final String FILE_PURPOSE = "attachment";
    private final FileStore files;

    RecordService(RecordRepository records, RecordQueries queries, ComputedFields computed, RecordEvents events,
            FormDependencies dependencies, FormRepository forms, FormPermissions permissions, FieldRules rules, JobQueue jobs,
            WorkspaceZones zones, FileStore files, Clock clock) {
        this.permissions = permissions;
        this.rules = rules;
        this.files = files;
        this.records = records;
        this.queries = queries;
        this.computed = computed;
        this.events = events;
        this.dependencies = dependencies;
        this.forms = forms;
        this.jobs = jobs;
        this.zones = zones;
        this.clock = clock;
    }

    /**
     * A created record, whether it was created earlier by a request with the same idempotency key, and
     * whether it exists for its creator afterwards (inside their row filter: "owner = me" with another
     * owner, or none, leaves them a record they will not find again).
     */
    public record Created(StoredRecord record, boolean replayed, boolean visibleToCreator) {
    }

    @Transactional(rollbackOn = Exception.class)
    public Created create(PublishedForm form, FormAccess access, ObjectNode input, String idempotencyKey, int chainDepth)
            throws SQLException {
        FormPermissions.require(access.create());
        NulCharacters.refuse(input, "");
        refuseHidden(access, input);
        UUID id = RecordIds.next(clock);
        Instant now = clock.instant();
        if (idempotencyKey != null) {
            Optional<UUID> earlier = records.reserveIdempotencyKey(form.formId(), idempotencyKey, id, now);
            if (earlier.isPresent()) {
                StoredRecord before = records.find(form.workspaceId(), form.formId(), earlier.get(), false).orElseThrow();
                // a key is one caller's: another's record is not theirs to be shown
                if (!Objects.equals(before.createdBy(), access.userId())) {
                    throw ProblemException.conflict("record.idempotencyKeyTaken");
                }
                return new Created(before, true, visibleTo(form, access, before.id()));
            }
        }
        ZoneId zone = zones.zone(form.workspaceId());
        ObjectNode data = validator.validate(form.schema(), input, null, valueContext(form, zone, access.userId(), id, Map.of()));
        computed.compute(form, id, data, true, now, zone, access.userId());
        rules.check(form.schema(), data, null, now, zone, access.userId());
        holdFiles(form, id, data);
        StoredRecord record = new StoredRecord(id, form.workspaceId(), form.formId(), form.version(), data, 1, access.userId(),
                now, access.userId(), now, null);
        ArrayNode changes = JsonNodeFactory.instance.arrayNode();
        data.fields().forEachRemaining(e -> changes.addObject().put("field", e.getKey()).set("to", e.getValue()));
        records.insert(record, changes);
        claimUniqueValues(form, record);
        events.publish(RecordEvents.CREATED, form, record, null, null, chainDepth);
        recomputeDependents(form, null, record.data(), null, id);
        return new Created(record, false, visibleTo(form, access, id));
    }

    private boolean visibleTo(PublishedForm form, FormAccess access, UUID id) throws SQLException {
        return access.rowFilter() == null || queries.find(form, access, id, false).isPresent();
    }

    /**
     * The data a new record would be stored with, validated and with its computed fields, without
     * storing it: imports write many such records at once.
     *
     * @throws ProblemException 400 with an error per invalid field
     */
    public ObjectNode prepareNew(PublishedForm form, ObjectNode input, UUID id, UUID by, Instant now, ZoneId zone)
            throws SQLException {
        NulCharacters.refuse(input, "");
        ObjectNode data = validator.validate(form.schema(), input, null, valueContext(form, zone, by, id, Map.of()));
        computed.compute(form, id, data, true, now, zone, by);
        rules.check(form.schema(), data, null, now, zone, by);
        return data;
    }

    /** The text a unique field's value is claimed with. */
    public String uniqueValue(FieldDefinition field, JsonNode value) {
        return uniqueText(types.storage(field), value);
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRecord update(PublishedForm form, FormAccess access, UUID id, ObjectNode changes, Long expectedVersion,
            int chainDepth) throws SQLException {
        FormPermissions.require(access.edit());
        NulCharacters.refuse(changes, "");
        refuseHidden(access, changes);
        StoredRecord current = live(form, access, id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ProblemException(412, "stale", current.version());
        }
        ZoneId zone = zones.zone(form.workspaceId());
        ObjectNode data = validator.validate(form.schema(), changes, current.data(),
                valueContext(form, zone, access.userId(), id, linkedIds(form, current.data())));
        computed.compute(form, id, data, false, clock.instant(), zone, access.userId());
        // what changed, computed fields included: a rule naming a formula is checked when its inputs change
        Set<String> changed = new HashSet<>();
        for (FieldDefinition field : form.schema().fields()) {
            if (!same(current.data().get(field.key()), data.get(field.key()))) {
                changed.add(field.key());
            }
        }
        rules.check(form.schema(), data, changed, clock.instant(), zone, access.userId());
        holdFiles(form, id, data);
        return write(form, current, data, "updated", access.userId(), chainDepth);
    }

    /** Recomputes the computed fields of a record (its rollups, lookups, formulas) as the engine. */
    @Transactional(rollbackOn = Exception.class)
    public void recompute(PublishedForm form, UUID id) throws SQLException {
        Optional<StoredRecord> found = records.find(form.workspaceId(), form.formId(), id, true);
        if (found.isEmpty() || found.get().deleted()) {
            return;
        }
        ObjectNode data = found.get().data().deepCopy();
        computed.compute(form, id, data, false, clock.instant(), zones.zone(form.workspaceId()), null);
        write(form, found.get(), data, "computed", null, 0);
    }

    /** Stores new data if anything changed: row, unique values, history, event, dependents. */
    private StoredRecord write(PublishedForm form, StoredRecord current, ObjectNode data, String kind, UUID by, int chainDepth)
            throws SQLException {
        Set<String> changed = new LinkedHashSet<>();
        Set<String> keys = new HashSet<>();
        current.data().fieldNames().forEachRemaining(keys::add);
        data.fieldNames().forEachRemaining(keys::add);
        ArrayNode diff = JsonNodeFactory.instance.arrayNode();
        ObjectNode before = JsonNodeFactory.instance.objectNode();
        for (FieldDefinition field : form.schema().fields()) {
            String key = field.key();
            JsonNode from = current.data().get(key);
            JsonNode to = data.get(key);
            if (keys.contains(key) && !same(from, to)) {
                changed.add(key);
                ObjectNode change = diff.addObject().put("field", key);
                change.set("from", from);
                change.set("to", to);
                before.set(key, from);
            }
        }
        if (changed.isEmpty()) {
            // nothing changed: no version, no history, no event (a rule setting a value that is already set stops here)
            return current;
        }
        Instant now = clock.instant();
        if (!records.update(form.workspaceId(), current.id(), current.version(), data, form.version(), by, now)) {
            throw new ProblemException(412, "stale", current.version());
        }
        StoredRecord written = new StoredRecord(current.id(), current.workspaceId(), current.formId(), form.version(), data,
                current.version() + 1, current.createdBy(), current.createdAt(), by, now, null);
        if (form.schema().fields().stream().anyMatch(f -> f.isUniqueField() && changed.contains(f.key()))) {
            claimUniqueValues(form, written);
        }
        records.addHistory(written, kind, diff, by, now);
        events.publish(RecordEvents.UPDATED, form, written, changed, before, chainDepth);
        recomputeDependents(form, current.data(), data, changed, current.id());
        return written;
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRecord delete(PublishedForm form, FormAccess access, UUID id, Long expectedVersion) throws SQLException {
        FormPermissions.require(access.delete());
        StoredRecord current = live(form, access, id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ProblemException(412, "stale", current.version());
        }
        Instant now = clock.instant();
        if (!records.setDeleted(form.workspaceId(), id, current.version(), now, access.userId(), now)) {
            throw new ProblemException(412, "stale", current.version());
        }
        records.releaseUniqueValues(id);
        StoredRecord deleted = new StoredRecord(id, current.workspaceId(), current.formId(), current.formVersion(),
                current.data(), current.version() + 1, current.createdBy(), current.createdAt(), access.userId(), now, now);
        records.addHistory(deleted, "deleted", JsonNodeFactory.instance.arrayNode(), access.userId(), now);
        events.publish(RecordEvents.DELETED, form, deleted, null, null, 0);
        recomputeDependents(form, current.data(), null, null, id);
        return deleted;
    }

    @Transactional(rollbackOn = Exception.class)
    public StoredRecord restore(PublishedForm form, FormAccess access, UUID id) throws SQLException {
        FormPermissions.require(access.delete());
        StoredRecord current = queries.find(form, access, id, true).filter(StoredRecord::deleted)
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
        Instant now = clock.instant();
        records.setDeleted(form.workspaceId(), id, current.version(), null, access.userId(), now);
        StoredRecord restored = new StoredRecord(id, current.workspaceId(), current.formId(), current.formVersion(),
                current.data(), current.version() + 1, current.createdBy(), current.createdAt(), access.userId(), now, null);
        claimUniqueValues(form, restored);
        records.addHistory(restored, "restored", JsonNodeFactory.instance.arrayNode(), access.userId(), now);
        events.publish(RecordEvents.RESTORED, form, restored, null, null, 0);
        recomputeDependents(form, null, current.data(), null, id);
        return restored;
    }

    private StoredRecord live(PublishedForm form, FormAccess access, UUID id) throws SQLException {
        return queries.find(form, access, id, true).filter(r -> !r.deleted())
                .orElseThrow(() -> ProblemException.notFound("@thing.record"));
    }

    /** A field the caller cannot see cannot be written by them either; they learn nothing about it. */
    private static void refuseHidden(FormAccess access, ObjectNode input) {
        List<FieldError> errors = new ArrayList<>();
        for (String hidden : access.hiddenFields()) {
            if (input.has(hidden)) {
                errors.add(FieldError.of(hidden, "form.value.unknownField"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
    }

    private void claimUniqueValues(PublishedForm form, StoredRecord record) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldDefinition field : form.schema().fields()) {
            JsonNode value = record.data().get(field.key());
            if (field.isUniqueField() && value != null && !value.isNull()) {
                values.put(field.key(), uniqueText(types.storage(field), value));
            }
        }
        if (values.isEmpty()) {
            return;
        }
        Optional<String> taken = records.claimUniqueValues(form.formId(), record.id(), values);
        if (taken.isPresent()) {
            String key = taken.get();
            throw new ProblemException(409, "record.duplicate",
                    List.of(FieldError.of(key, "form.value.duplicate", values.get(key))), values.get(key));
        }
    }

    /** Numbers are unique by value (100 and 100.00 are the same), everything else by its stored text. */
    static String uniqueText(Storage storage, JsonNode value) {
        if (storage == Storage.NUMBER && value.isNumber()) {
            BigDecimal d = value.decimalValue();
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return value.asText();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || a.isNull()) {
            return b == null || b.isNull();
        }
        if (b == null) {
            return false;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /**
     * Rollups over this form and lookups into it, in other records, are recomputed by "record.recompute"
     * jobs enqueued in this transaction: durable, retried, and outside the request's time.
     */
    private void recomputeDependents(PublishedForm form, ObjectNode before, ObjectNode after, Set<String> changed, UUID id)
            throws SQLException {
        FormDependencies.Dependents dependents = dependencies.of(form);
        if (dependents.none()) {
            return;
        }
        for (FormDependencies.Rollup rollup : dependents.rollups()) {
            if (changed != null && rollup.reads().stream().noneMatch(changed::contains)) {
                continue;
            }
            Set<String> targets = new LinkedHashSet<>();
            for (ObjectNode data : new ObjectNode[] {before, after}) {
                if (data != null && data.path(rollup.via()).isTextual()) {
                    targets.add(data.get(rollup.via()).asText());
                }
            }
            for (String target : targets) {
                recomputeRollupTarget(form, rollup, target);
            }
        }
        for (FormDependencies.Lookup lookup : dependents.lookups()) {
            if (changed != null && lookup.reads().stream().noneMatch(changed::contains)) {
                continue;
            }
            jobs.enqueue(NewJob.of(RecordRecomputeJobHandler.TYPE, JsonNodeFactory.instance.objectNode()
                    .put("form", lookup.target().formId().toString()).put("via", lookup.relation()).put("target", id.toString()))
                    .inWorkspace(form.workspaceId()));
        }
    }

    /** Recomputes, as a durable job, the record {@code target} whose rollup reads records of {@code form}. */
    public void recomputeRollupTarget(PublishedForm form, FormDependencies.Rollup rollup, String target) {
        jobs.enqueue(NewJob.of(RecordRecomputeJobHandler.TYPE, JsonNodeFactory.instance.objectNode()
                .put("form", rollup.target().formId().toString()).put("record", target))
                .inWorkspace(form.workspaceId()));
    }

    /** The files a record's attachment and image fields reference become the record's, kept for good. */
    private void holdFiles(PublishedForm form, UUID recordId, ObjectNode data) throws SQLException {
        for (FieldDefinition field : form.schema().fields()) {
            if (types.type(field.type()) instanceof FileType && data.path(field.key()).isArray()) {
                for (JsonNode file : data.get(field.key())) {
                    files.hold(form.workspaceId(), UUID.fromString(file.path("id").asText()), "record:" + recordId);
                }
            }
        }
    }

    /** The records the relation fields of this data point to, by the key of their form. */
    private static Map<String, Set<UUID>> linkedIds(PublishedForm form, ObjectNode data) {
        Map<String, Set<UUID>> ids = new HashMap<>();
        for (FieldDefinition field : form.schema().fields()) {
            JsonNode value = data.get(field.key());
            if (!"relation".equals(field.type()) || value == null) {
                continue;
            }
            for (JsonNode item : value.isArray() ? value : List.of(value)) {
                try {
                    ids.computeIfAbsent(field.option("form").asText(), k -> new HashSet<>()).add(UUID.fromString(item.asText()));
                } catch (IllegalArgumentException e) {
                    // not an id: nothing it could keep
                }
            }
        }
        return ids;
    }

    /**
     * @param linked the records the record being changed points to already: kept when a list of links
     *        is sent again, even those outside the writer's row filter (someone else linked them)
     */
    private ValueContext valueContext(PublishedForm form, ZoneId zone, UUID userId, UUID recordId, Map<String, Set<UUID>> linked) {
        return new ValueContext() {
            @Override
            public UUID userId() {
                return userId;
            }

            @Override
            public UUID recordId() {
                return recordId;
            }

            @Override
            public Map<UUID, FileInfo> files(Collection<UUID> ids) {
                Map<UUID, FileInfo> found = new HashMap<>();
                try {
                    for (UUID id : ids) {
                        files.find(form.workspaceId(), id).filter(f -> FILE_PURPOSE.equals(f.purpose()))
                                .ifPresent(f -> found.put(id, new FileInfo(id, f.name(), f.sizeBytes(), f.contentType(),
                                        f.createdBy(), f.heldBy())));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return found;
            }

            @Override
            public ZoneId zone() {
                return zone;
            }

            @Override
            public Set<UUID> members(Collection<UUID> userIds) {
                try {
                    return records.members(form.workspaceId(), userIds);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Set<UUID> departments(Collection<UUID> departmentIds) {
                try {
                    return records.departments(form.workspaceId(), departmentIds);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            /** Only records the writer may see: a relation to another is a way to read it (lookups, filters). */
            @Override
            public Set<UUID> records(String formKey, Collection<UUID> ids) {
                try {
                    Optional<PublishedForm> target = forms.publishedByKey(form.workspaceId(), form.appId(), formKey);
                    if (target.isEmpty()) {
                        return Set.of();
                    }
                    Optional<FormAccess> access = permissions.forUser(form.workspaceId(), target.get().formId(), userId);
                    Set<UUID> allowed = new HashSet<>(access.isEmpty() ? Set.of() : queries.visibleIds(target.get(), access.get(), ids));
                    ids.stream().filter(linked.getOrDefault(formKey, Set.of())::contains).forEach(allowed::add);
                    return allowed;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
