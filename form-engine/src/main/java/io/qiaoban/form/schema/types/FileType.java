package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Attachments and images: files uploaded first (POST .../forms/{id}/files, checked by content, kept
 * in the database), then referenced by id. The stored value is a list of {id, name, size, type}
 * taken from what the server recorded at upload, never from the client. A record may reference a
 * file it already holds, or one its writer uploaded and no record holds yet: so no one can attach,
 * and then download through their own record, a file of a record they cannot see. Options:
 * {@code maxFiles}, {@code maxSizeMb}, and for attachments {@code accept} (file extensions).
 */
public final class FileType implements FieldType {
    public static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private final boolean image;

    private FileType(boolean image) {
        this.image = image;
    }

    public static FileType attachment() {
        return new FileType(false);
    }

    public static FileType image() {
        return new FileType(true);
    }

    @Override
    public String key() {
        return image ? "image" : "attachment";
    }

    public boolean images() {
        return image;
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.STRUCTURED;
    }

    public int maxFiles(FieldDefinition field) {
        return Values.intOption(field, "maxFiles", image ? 9 : 10);
    }

    public int maxSizeMb(FieldDefinition field) {
        return Values.intOption(field, "maxSizeMb", image ? 10 : 20);
    }

    /** The extensions an attachment field takes, lower case without the dot; empty: any. */
    public Set<String> accept(FieldDefinition field) {
        Set<String> accept = new LinkedHashSet<>();
        if (!image) {
            field.option("accept").forEach(e -> accept.add(e.asText().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "")));
        }
        return accept;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        List<DefinitionProblem> problems = new ArrayList<>();
        JsonNode files = field.option("maxFiles");
        if (!files.isMissingNode() && (!files.canConvertToInt() || files.intValue() < 1 || files.intValue() > 50)) {
            problems.add(DefinitionProblem.of(".options.maxFiles", "form.def.range", 1, 50));
        }
        JsonNode size = field.option("maxSizeMb");
        if (!size.isMissingNode() && (!size.canConvertToInt() || size.intValue() < 1 || size.intValue() > 100)) {
            problems.add(DefinitionProblem.of(".options.maxSizeMb", "form.def.range", 1, 100));
        }
        JsonNode accept = field.option("accept");
        if (!accept.isMissingNode() && (!accept.isArray() || accept.size() > 50)) {
            problems.add(DefinitionProblem.of(".options.accept", "form.def.accept"));
        } else if (accept.isArray()) {
            for (JsonNode e : accept) {
                if (!e.isTextual() || !e.asText().matches("\\.?[A-Za-z0-9]{1,10}")) {
                    problems.add(DefinitionProblem.of(".options.accept", "form.def.accept"));
                    break;
                }
            }
        }
        return problems;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        List<JsonNode> items = Values.list(value.isObject() ? Values.array().add(value) : value, maxFiles(field));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                ids.add(Values.id(item.isObject() ? item.path("id") : item));
            } catch (InvalidValue e) {
                throw e.at("[" + i + "]");
            }
        }
        Map<UUID, ValueContext.FileInfo> known = context.files(ids);
        ArrayNode stored = Values.array();
        Set<UUID> seen = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            ValueContext.FileInfo file = known.get(id);
            if (file == null || !mayReference(file, context)) {
                throw new InvalidValue("form.value.fileUnknown").at("[" + i + "]");
            }
            if (!seen.add(id)) {
                continue;
            }
            if (file.size() > maxSizeMb(field) * 1024L * 1024L) {
                throw new InvalidValue("form.value.fileTooLarge", maxSizeMb(field)).at("[" + i + "]");
            }
            if (image && !IMAGE_TYPES.contains(file.contentType())) {
                throw new InvalidValue("form.value.imageType").at("[" + i + "]");
            }
            Set<String> accept = accept(field);
            if (!accept.isEmpty() && !accept.contains(extension(file.name()))) {
                throw new InvalidValue("form.value.fileType", String.join(", ", accept)).at("[" + i + "]");
            }
            stored.addObject().put("id", id.toString()).put("name", file.name()).put("size", file.size())
                    .put("type", file.contentType());
        }
        return stored;
    }

    private static boolean mayReference(ValueContext.FileInfo file, ValueContext context) {
        if (file.pending()) {
            return context.userId() == null || context.userId().equals(file.uploadedBy());
        }
        return context.recordId() != null && file.heldBy().equals("record:" + context.recordId());
    }

    public static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        StringBuilder out = new StringBuilder();
        stored.forEach(f -> out.append(out.isEmpty() ? "" : ", ").append(f.path("name").asText()));
        return out.toString();
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode item = Values.schema("object");
        ObjectNode properties = item.putObject("properties");
        properties.putObject("id").put("type", "string").put("format", "uuid");
        properties.putObject("name").put("type", "string");
        properties.putObject("size").put("type", "integer").put("minimum", 0);
        properties.putObject("type").put("type", "string");
        item.putArray("required").add("id").add("name").add("size").add("type");
        ObjectNode schema = Values.schema("array").put("maxItems", maxFiles(field));
        schema.set("items", item);
        return schema;
    }
}
