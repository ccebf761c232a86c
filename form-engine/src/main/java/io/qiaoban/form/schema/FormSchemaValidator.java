package io.qiaoban.form.schema;

import io.qiaoban.form.schema.FieldType.DefinitionProblem;
import io.qiaoban.core.problem.FieldError;
import io.qiaoban.form.schema.types.ReferenceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a form schema on its own: the form's key and name, each field (see {@link FieldTypes}),
 * references between fields of the form (a lookup's relation), its layout ({@link FormLayout}) and
 * its settings ({@link FormSettings}). References to other forms and
 * formulas are checked by the form service, which knows the app and the expression service.
 */
public final class FormSchemaValidator {
    public static final int MAX_FIELDS = 300;
    private static final Pattern FORM_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,63}$");
    private final FieldTypes types;

    public FormSchemaValidator(FieldTypes types) {
        this.types = types;
    }

    public List<FieldError> validate(FormSchema schema) {
        List<FieldError> errors = new ArrayList<>();
        if (schema == null) {
            errors.add(FieldError.of("", "required"));
            return errors;
        }
        if (schema.key() == null || !FORM_KEY.matcher(schema.key()).matches()) {
            errors.add(FieldError.of("key", "form.def.formKey"));
        }
        if (schema.name() == null || schema.name().isBlank() || schema.name().length() > 100) {
            errors.add(FieldError.of("name", "form.def.label"));
        }
        if (schema.fields().size() > MAX_FIELDS) {
            errors.add(FieldError.of("fields", "form.def.tooMany", MAX_FIELDS));
            return errors;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < schema.fields().size(); i++) {
            FieldDefinition field = schema.fields().get(i);
            for (DefinitionProblem p : types.checkField(field, keys)) {
                errors.add(FieldError.of("fields[" + i + "]" + p.path(), p.code(), p.args().toArray()));
            }
        }
        for (int i = 0; i < schema.fields().size(); i++) {
            FieldDefinition field = schema.fields().get(i);
            if ("lookup".equals(field.type()) && field.option("relation").isTextual()) {
                Optional<FieldDefinition> relation = schema.field(field.option("relation").asText());
                if (relation.isEmpty() || !"relation".equals(relation.get().type()) || ReferenceType.multiple(relation.get())) {
                    errors.add(FieldError.of("fields[" + i + "].options.relation", "form.def.lookupRelation"));
                }
            }
        }
        errors.addAll(FormLayout.problems(schema.layout(), schema.fields()));
        errors.addAll(FormSettings.problems(schema.settings(), schema.fields()));
        return errors;
    }
}
