package io.qiaoban.form.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.form.form.FormRepository;
import io.qiaoban.form.form.PublishedForm;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldTypes;
import io.qiaoban.form.schema.types.FileType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The form an import writes into (its published version when the import runs) and the mapping of
 * file columns to its fields, checked before any row is read: a column mapped twice, a field that is
 * computed or hidden from the user, a required field left without a column are refused up front,
 * since every row would fail on them.
 */
@ApplicationScoped
public class ImportForms {
    private final FormRepository forms;
    private final FieldTypes types = FieldTypes.standard();

    ImportForms(FormRepository forms) {
        this.forms = forms;
    }

    public PublishedForm published(UUID workspaceId, UUID formId) throws SQLException {
        return forms.publishedById(workspaceId, formId).orElseThrow(() -> ProblemException.conflict("form.notPublished", ""));
    }

    /** The stored mapping of an import, read against the form as it is published now. */
    public List<ImportMapping> mapping(PublishedForm form, RecordImport target) {
        return check(form, target.columns(), target.mapping(), Set.of());
    }

    /** @throws ProblemException 400 with an error per mapping entry that cannot work */
    public List<ImportMapping> check(PublishedForm form, JsonNode columns, JsonNode mapping, Set<String> hiddenFields) {
        if (mapping == null || !mapping.isArray() || mapping.isEmpty()) {
            throw ProblemException.invalid("mapping", "import.mapping-empty");
        }
        List<FieldError> errors = new ArrayList<>();
        List<ImportMapping> result = new ArrayList<>();
        Set<Integer> columnsUsed = new HashSet<>();
        Set<String> fieldsUsed = new HashSet<>();
        for (int i = 0; i < mapping.size(); i++) {
            JsonNode entry = mapping.get(i);
            String at = "mapping[" + i + "]";
            JsonNode column = entry.path("column");
            String key = entry.path("field").asText("");
            if (!column.canConvertToInt() || column.asInt() < 0 || column.asInt() >= columns.size()) {
                errors.add(FieldError.of(at + ".column", "import.mapping-column"));
                continue;
            }
            FieldDefinition field = form.schema().field(key).orElse(null);
            if (field == null || hiddenFields.contains(key)) {
                errors.add(FieldError.of(at + ".field", "form.value.unknownField"));
                continue;
            }
            if (types.type(field.type()).computed()) {
                errors.add(FieldError.of(at + ".field", "import.mapping-computed", field.label()));
                continue;
            }
            if (types.type(field.type()) instanceof FileType) {
                errors.add(FieldError.of(at + ".field", "import.mapping-file", field.label()));
                continue;
            }
            if (!columnsUsed.add(column.asInt()) || !fieldsUsed.add(key)) {
                errors.add(FieldError.of(at, "import.mapping-twice", field.label()));
                continue;
            }
            result.add(new ImportMapping(column.asInt(), columns.get(column.asInt()).path("name").asText(), field));
        }
        for (FieldDefinition field : form.schema().fields()) {
            boolean computed = types.type(field.type()).computed();
            if (field.isRequiredField() && !computed && !fieldsUsed.contains(field.key())
                    && (field.defaultValue() == null || field.defaultValue().isNull())) {
                errors.add(FieldError.of("mapping", "import.required-unmapped", field.label()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "validation", errors);
        }
        return result;
    }
}
