package io.qiaoban.form.schema;

import io.qiaoban.form.schema.FieldType.DefinitionProblem;
import io.qiaoban.form.schema.types.AddressType;
import io.qiaoban.form.schema.types.BooleanType;
import io.qiaoban.form.schema.types.DateTimeType;
import io.qiaoban.form.schema.types.FileType;
import io.qiaoban.form.schema.types.DateType;
import io.qiaoban.form.schema.types.EmailType;
import io.qiaoban.form.schema.types.FormulaType;
import io.qiaoban.form.schema.types.LookupType;
import io.qiaoban.form.schema.types.NumberType;
import io.qiaoban.form.schema.types.PhoneType;
import io.qiaoban.form.schema.types.RatingType;
import io.qiaoban.form.schema.types.ReferenceType;
import io.qiaoban.form.schema.types.RichTextType;
import io.qiaoban.form.schema.types.RollupType;
import io.qiaoban.form.schema.types.SelectType;
import io.qiaoban.form.schema.types.SerialType;
import io.qiaoban.form.schema.types.SignatureType;
import io.qiaoban.form.schema.types.SubformType;
import io.qiaoban.form.schema.types.TagsType;
import io.qiaoban.form.schema.types.TextType;
import io.qiaoban.form.schema.types.UrlType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field types by key, and the checks every field definition passes whatever its type: key,
 * label, unique/indexed only where they mean something, a default the type accepts.
 */
public final class FieldTypes {
    /** Letters (Chinese too: formulas read fields by key, "单价 * 数量"), digits and _, starting with a letter. */
    public static final Pattern KEY = Pattern.compile("^[A-Za-z\\p{IsHan}][A-Za-z0-9_\\p{IsHan}]{0,63}$");
    /** Names of a record's own columns, which filters and sorts use beside the fields. */
    public static final Set<String> RESERVED = Set.of("id", "createdAt", "updatedAt", "createdBy", "updatedBy", "version",
            "formVersion", "deletedAt");
    private static final FieldTypes STANDARD = new FieldTypes();

    private final Map<String, FieldType> byKey = new LinkedHashMap<>();

    private FieldTypes() {
        for (FieldType type : List.of(TextType.singleLine(), TextType.multiLine(), NumberType.number(), NumberType.money(),
                NumberType.percent(), new DateType(), new DateTimeType(), new BooleanType(), SelectType.single(),
                SelectType.multiple(), new PhoneType(), new EmailType(), new UrlType(), new AddressType(),
                ReferenceType.member(), ReferenceType.department(), new SubformType(this), ReferenceType.relation(), new LookupType(),
                new RollupType(), new FormulaType(), new SerialType(), new RatingType(), new TagsType(),
                new RichTextType(), new SignatureType(), FileType.attachment(), FileType.image())) {
            byKey.put(type.key(), type);
        }
    }

    public static FieldTypes standard() {
        return STANDARD;
    }

    public Optional<FieldType> find(String key) {
        return Optional.ofNullable(key == null ? null : byKey.get(key));
    }

    /** The type of a field of a valid schema. */
    public FieldType type(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("unknown field type " + key));
    }

    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }

    public Storage storage(FieldDefinition field) {
        return type(field.type()).storage(field);
    }

    /** Problems of one field definition; {@code seenKeys} collects keys to find repeats. */
    public List<DefinitionProblem> checkField(FieldDefinition field, Set<String> seenKeys) {
        List<DefinitionProblem> problems = new ArrayList<>();
        if (field.key() == null || !KEY.matcher(field.key()).matches()) {
            problems.add(DefinitionProblem.of(".key", "form.def.key"));
        } else if (RESERVED.contains(field.key())) {
            problems.add(DefinitionProblem.of(".key", "form.def.reservedKey", field.key()));
        } else if (!seenKeys.add(field.key())) {
            problems.add(DefinitionProblem.of(".key", "form.def.duplicateKey", field.key()));
        }
        if (field.label() == null || field.label().isBlank() || field.label().length() > 100) {
            problems.add(DefinitionProblem.of(".label", "form.def.label"));
        }
        if (field.help() != null && field.help().length() > 500) {
            problems.add(DefinitionProblem.of(".help", "form.def.tooLong", 500));
        }
        Optional<FieldType> found = find(field.type());
        if (found.isEmpty()) {
            problems.add(DefinitionProblem.of(".type", "form.def.type", String.join(", ", keys())));
            return problems;
        }
        FieldType type = found.get();
        List<DefinitionProblem> own = type.checkDefinition(field);
        problems.addAll(own);
        if (type.computed() && field.isRequiredField()) {
            problems.add(DefinitionProblem.of(".required", "form.def.computedRequired"));
        }
        Storage storage = type.storage(field);
        if (field.isUniqueField() && (type.computed() || !storage.scalar() || storage == Storage.BOOLEAN)) {
            problems.add(DefinitionProblem.of(".unique", "form.def.notUnique"));
        }
        if (field.isIndexedField() && !storage.scalar()) {
            problems.add(DefinitionProblem.of(".indexed", "form.def.notIndexable"));
        }
        if (field.defaultValue() != null && !field.defaultValue().isNull() && own.isEmpty()) {
            if (ReferenceType.defaultsToCurrentUser(field)) {
                // "$me": whoever fills the record in, resolved on each create
            } else if (type.computed() || type instanceof ReferenceType) {
                problems.add(DefinitionProblem.of(".default", "form.def.noDefault"));
            } else {
                try {
                    type.normalize(field, field.defaultValue(), ValueContext.of(ZoneId.of("Asia/Shanghai")));
                } catch (InvalidValue e) {
                    problems.add(new DefinitionProblem(".default" + e.subPath(), e.code(), e.args()));
                }
            }
        }
        return problems;
    }
}
