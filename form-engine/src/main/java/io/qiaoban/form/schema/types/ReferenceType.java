package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A link by id: "member" (users of the workspace), "department" (departments of the workspace) or
 * "relation" (records of another form of the same app, {@code options.form}). One id, or with
 * {@code options.multiple} a list of at most 200 without repeats. Every id must exist when the record
 * is written.
 */
public final class ReferenceType implements FieldType {
    static final int MAX_LINKS = 200;
    static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private static final Pattern FORM_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");

    private enum Target {
        MEMBER("member", "form.value.noSuchMember"),
        DEPARTMENT("department", "form.value.noSuchDepartment"),
        RECORD("relation", "form.value.noSuchRecord");

        final String typeKey;
        final String missing;

        Target(String typeKey, String missing) {
            this.typeKey = typeKey;
            this.missing = missing;
        }
    }

    private final Target target;

    private ReferenceType(Target target) {
        this.target = target;
    }

    public static ReferenceType member() {
        return new ReferenceType(Target.MEMBER);
    }

    public static ReferenceType department() {
        return new ReferenceType(Target.DEPARTMENT);
    }

    public static ReferenceType relation() {
        return new ReferenceType(Target.RECORD);
    }

    public static boolean multiple(FieldDefinition field) {
        return field.option("multiple").asBoolean(false);
    }

    /** What a member field's default says for "whoever fills the record in": "$me" (or ["$me"]). */
    public static final String ME = "$me";

    /** Whether the field is a member field whose default is the user filling the record in. */
    public static boolean defaultsToCurrentUser(FieldDefinition field) {
        JsonNode d = field.defaultValue();
        if (d == null || !Target.MEMBER.typeKey.equals(field.type())) {
            return false;
        }
        // either shape, whatever "multiple" says now: switching it on or off keeps the default meaning the same
        return ME.equals(d.asText(null)) || (d.isArray() && d.size() == 1 && ME.equals(d.get(0).asText(null)));
    }

    /** The default of a member field that defaults to the current user, for this user; null without one (the engine). */
    public static JsonNode currentUserDefault(FieldDefinition field, UUID userId) {
        if (userId == null) {
            return null;
        }
        return multiple(field) ? Values.array().add(userId.toString()) : TextNode.valueOf(userId.toString());
    }

    @Override
    public String key() {
        return target.typeKey;
    }

    /** One id compares as text; several are a list. */
    @Override
    public Storage storage(FieldDefinition field) {
        return multiple(field) ? Storage.TEXT_LIST : Storage.TEXT;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        if (target == Target.RECORD && !(field.option("form").isTextual() && FORM_KEY.matcher(field.option("form").asText()).matches())) {
            problems.add(DefinitionProblem.of(".options.form", "form.def.relationForm"));
        }
        JsonNode multiple = field.option("multiple");
        if (!multiple.isMissingNode() && !multiple.isBoolean()) {
            problems.add(DefinitionProblem.of(".options.multiple", "form.def.boolean"));
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        List<UUID> ids = new ArrayList<>();
        if (multiple(field)) {
            List<JsonNode> items = Values.list(value, MAX_LINKS);
            for (int i = 0; i < items.size(); i++) {
                try {
                    ids.add(Values.id(items.get(i)));
                } catch (InvalidValue e) {
                    throw e.at("[" + i + "]");
                }
            }
        } else {
            ids.add(Values.id(value));
        }
        Set<UUID> unique = new LinkedHashSet<>(ids);
        Set<UUID> existing = switch (target) {
            case MEMBER -> context.members(unique);
            case DEPARTMENT -> context.departments(unique);
            case RECORD -> context.records(field.option("form").asText(), unique);
        };
        int i = 0;
        for (UUID id : ids) {
            if (!existing.contains(id)) {
                InvalidValue missing = new InvalidValue(target.missing);
                throw multiple(field) ? missing.at("[" + i + "]") : missing;
            }
            i++;
        }
        if (!multiple(field)) {
            return TextNode.valueOf(ids.get(0).toString());
        }
        ArrayNode stored = Values.array();
        unique.forEach(id -> stored.add(id.toString()));
        return stored;
    }

    @Override
    public JsonNode fromText(FieldDefinition field, String text) {
        return multiple(field) ? Choices.split(text) : Values.JSON.textNode(text.strip());
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        if (!stored.isArray()) {
            return stored.asText();
        }
        StringBuilder out = new StringBuilder();
        stored.forEach(v -> out.append(out.isEmpty() ? "" : ", ").append(v.asText()));
        return out.toString();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode id = Values.schema("string").put("pattern", UUID_PATTERN);
        if (!multiple(field)) {
            return id;
        }
        ObjectNode s = Values.schema("array").put("uniqueItems", true).put("maxItems", MAX_LINKS);
        s.set("items", id);
        return s;
    }
}
