package io.qiaoban.core.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid field of a request: {@code field} is a JSON path such as {@code name} or {@code permissions[2]};
 * {@code position} is the 0-based offset inside the field's text the error points at (expressions), or null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String code, String message, Integer position) {
    public FieldError(String field, String code, String message) {
        this(field, code, message, null);
    }
}
