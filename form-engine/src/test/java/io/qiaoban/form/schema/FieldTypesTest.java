package io.qiaoban.form.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.qiaoban.core.problem.ProblemException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field type against good and bad values (cases.json): good values are stored in their
 * normalised shape, bad ones refused with the expected code. The same cases go through an
 * independent JSON Schema validator (networknt) with the form's exported
 * schema: stored values must pass it, bad values must fail it, except those marked "engineOnly"
 * (a member that does not exist, a leap day in a non-leap year...), which no JSON Schema can know.
 */
class FieldTypesTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    static final FieldTypes TYPES = FieldTypes.standard();
    static final Set<UUID> MEMBERS = Set.of(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final Set<UUID> CUSTOMERS = Set.of(UUID.fromString("00000000-0000-4000-8000-00000000c001"),
            UUID.fromString("00000000-0000-4000-8000-00000000c002"));
    static final Set<UUID> DEPARTMENTS = Set.of(UUID.fromString("00000000-0000-4000-8000-0000000000d1"),
            UUID.fromString("00000000-0000-4000-8000-0000000000d2"));
    static final ValueContext CONTEXT = new ValueContext() {
        @Override
        public ZoneId zone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Set<UUID> members(Collection<UUID> ids) {
            return ids.stream().filter(MEMBERS::contains).collect(Collectors.toSet());
        }

        @Override
        public Set<UUID> departments(Collection<UUID> ids) {
            return ids.stream().filter(DEPARTMENTS::contains).collect(Collectors.toSet());
        }

        @Override
        public Set<UUID> records(String formKey, Collection<UUID> ids) {
            return formKey.equals("customer") ? ids.stream().filter(CUSTOMERS::contains).collect(Collectors.toSet()) : Set.of();
        }

        @Override
        public UUID userId() {
            return MEMBERS.iterator().next();
        }

        @Override
        public Map<UUID, FileInfo> files(Collection<UUID> ids) {
            return ids.stream().filter(FILES::containsKey).distinct().collect(Collectors.toMap(id -> id, FILES::get));
        }
    };
    /** Uploads: two pending ones of the writer, one held by another record. */
    static final Map<UUID, ValueContext.FileInfo> FILES = Map.of(
            UUID.fromString("00000000-0000-4000-8000-0000000000f1"), new ValueContext.FileInfo(
                    UUID.fromString("00000000-0000-4000-8000-0000000000f1"), "photo.png", 1000, "image/png",
                    MEMBERS.iterator().next(), null),
            UUID.fromString("00000000-0000-4000-8000-0000000000f2"), new ValueContext.FileInfo(
                    UUID.fromString("00000000-0000-4000-8000-0000000000f2"), "report.pdf", 2 * 1024 * 1024, "application/pdf",
                    MEMBERS.iterator().next(), null),
            UUID.fromString("00000000-0000-4000-8000-0000000000f3"), new ValueContext.FileInfo(
                    UUID.fromString("00000000-0000-4000-8000-0000000000f3"), "other.png", 10, "image/png",
                    MEMBERS.iterator().next(), "record:00000000-0000-4000-8000-00000000aaaa"));
    static JsonNode cases;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FieldTypesTest.class.getResourceAsStream("FieldTypesTest/cases.json")) {
            cases = JSON.readTree(in);
        }
    }

    @Test
    void everyTypeHasCases() {
        Set<String> covered = new HashSet<>();
        cases.forEach(c -> covered.add(c.path("field").path("type").asText()));
        // computed types are covered by the record tests: the engine writes them, not users
        Set<String> expected = new HashSet<>(TYPES.keys());
        expected.removeAll(Set.of("formula", "lookup", "rollup", "serial"));
        assertEquals(expected, covered);
    }

    @Test
    void goodValuesAreStoredNormalisedAndBadOnesRefusedWithTheirCode() throws Exception {
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            FieldDefinition field = JSON.treeToValue(c.get("field"), FieldDefinition.class);
            assertEquals(List.of(), TYPES.checkField(field, new HashSet<>()), field.key());
            for (JsonNode good : c.get("good")) {
                try {
                    JsonNode stored = TYPES.type(field.type()).normalize(field, good.get(0), CONTEXT);
                    if (!stored.toString().equals(good.get(1).toString())) {
                        failures.add(field.type() + ": " + good.get(0) + " stored as " + stored + ", expected " + good.get(1));
                    }
                } catch (InvalidValue e) {
                    failures.add(field.type() + ": " + good.get(0) + " refused with " + e.code());
                }
            }
            for (JsonNode bad : c.get("bad")) {
                try {
                    JsonNode stored = TYPES.type(field.type()).normalize(field, bad.get(0), CONTEXT);
                    failures.add(field.type() + ": " + bad.get(0) + " accepted as " + stored);
                } catch (InvalidValue e) {
                    if (!e.code().equals(bad.get(1).asText())) {
                        failures.add(field.type() + ": " + bad.get(0) + " refused with " + e.code() + ", expected " + bad.get(1).asText());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void anIndependentJsonSchemaValidatorAgreesWithTheEngine() throws Exception {
        JsonSchemaFactory registry = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchemaExport export = new JsonSchemaExport(TYPES);
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            FieldDefinition field = JSON.treeToValue(c.get("field"), FieldDefinition.class);
            ObjectNode jsonSchema = export.of(new FormSchema("t", "t", List.of(field), null, null), "https://qiaoban.io/forms/t");
            JsonSchema schema = registry.getSchema(JSON.writeValueAsString(jsonSchema), InputFormat.JSON);
            for (JsonNode good : c.get("good")) {
                JsonNode stored = TYPES.type(field.type()).normalize(field, good.get(0), CONTEXT);
                String record = JSON.writeValueAsString(JSON.createObjectNode().set(field.key(), stored));
                var errors = schema.validate(record, InputFormat.JSON);
                if (!errors.isEmpty()) {
                    failures.add(field.type() + ": stored " + stored + " fails the JSON Schema: " + errors);
                }
            }
            for (JsonNode bad : c.get("bad")) {
                if (bad.path(2).asText().equals("engineOnly")) {
                    continue;
                }
                String record = JSON.writeValueAsString(JSON.createObjectNode().set(field.key(), bad.get(0)));
                if (schema.validate(record, InputFormat.JSON).isEmpty()) {
                    failures.add(field.type() + ": " + bad.get(0) + " is refused by the engine but passes the JSON Schema");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aRecordWithSeveralBadFieldsGetsOneErrorEachAndRequiredOnesAreNamed() throws Exception {
        FormSchema form = JSON.readValue("""
                {"key": "customer", "name": "客户", "fields": [
                  {"key": "name", "label": "姓名", "type": "text", "required": true},
                  {"key": "mobile", "label": "手机", "type": "phone", "unique": true},
                  {"key": "level", "label": "等级", "type": "select", "default": "gold",
                   "options": {"choices": [{"value": "gold"}, {"value": "diamond"}]}},
                  {"key": "spend", "label": "累计消费", "type": "money"}]}""", FormSchema.class);
        RecordValidator validator = new RecordValidator(TYPES);
        ObjectNode input = (ObjectNode) JSON.readTree("{\"mobile\": \"123\", \"spend\": \"abc\", \"extra\": 1}");
        try {
            validator.validate(form, input, null, CONTEXT);
            throw new AssertionError("accepted");
        } catch (ProblemException e) {
            assertEquals(Set.of("extra:form.value.unknownField", "name:form.value.required", "mobile:form.value.phone",
                    "spend:form.value.number"), e.errors().stream().map(f -> f.field() + ":" + f.code()).collect(Collectors.toSet()));
        }
        ObjectNode ok = validator.validate(form, (ObjectNode) JSON.readTree("{\"name\": \" 王五 \", \"spend\": 10}"), null, CONTEXT);
        assertEquals("{\"name\":\"王五\",\"level\":\"gold\",\"spend\":10.00}", ok.toString());
        ObjectNode changed = validator.validate(form, (ObjectNode) JSON.readTree("{\"level\": null}"), ok, CONTEXT);
        assertEquals("{\"name\":\"王五\",\"spend\":10.00}", changed.toString());
    }

    @Test
    void definitionsAreCheckedWithAPathToTheProblem() throws Exception {
        FormSchema form = JSON.readValue("""
                {"key": "9bad", "name": "", "fields": [
                  {"key": "id", "label": "编号", "type": "text"},
                  {"key": "a", "label": "A", "type": "select"},
                  {"key": "a", "label": "A2", "type": "text", "validation": {"maxLength": 0}},
                  {"key": "b", "label": "B", "type": "hologram"},
                  {"key": "c", "label": "C", "type": "formula", "required": true, "options": {"expression": "1 + 1"}},
                  {"key": "d", "label": "D", "type": "serial", "options": {"pattern": "WO-{yyyyMMdd}"}},
                  {"key": "e", "label": "E", "type": "tags", "unique": true},
                  {"key": "f", "label": "F", "type": "number", "default": "abc"},
                  {"key": "g", "label": "G", "type": "lookup", "options": {"relation": "a", "field": "x"}}]}""", FormSchema.class);
        Set<String> errors = new FormSchemaValidator(TYPES).validate(form).stream().map(f -> f.field() + ":" + f.code())
                .collect(Collectors.toSet());
        assertEquals(Set.of("key:form.def.formKey", "name:form.def.label", "fields[0].key:form.def.reservedKey",
                "fields[1].options.choices:form.def.choicesRequired", "fields[2].key:form.def.duplicateKey",
                "fields[2].validation.maxLength:form.def.range", "fields[3].type:form.def.type",
                "fields[4].required:form.def.computedRequired", "fields[5].options.pattern:form.def.serialPattern",
                "fields[6].unique:form.def.notUnique", "fields[7].default:form.value.number",
                "fields[8].options.relation:form.def.lookupRelation"), errors);
    }
}
