package io.qiaoban.core.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One invalid field of a request: {@code field} is a JSON path such as {@code name} or {@code permissions[2]};
 * {@code position} is the 0-based offset inside the field's text the error points at (expressions), or null.
 * {@code args} fill this error's message ({@code field.<code>}) when it differs from the problem's own
 * arguments (a record with a too-long name and a too-small amount needs two sets); never serialised.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String code, String message, Integer position, @JsonIgnore List<Object> args) {
    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public FieldError(String field, String code, String message, Integer position) {
        this(field, code, message, position, List.of());
    }

    public FieldError(String field, String code, String message) {
        this(field, code, message, null, List.of());
    }

    /** An error whose message is {@code field.<code>} filled with these arguments. */
    public static FieldError of(String field, String code, Object... args) {
        return new FieldError(field, code, null, null, List.of(args));
    }
}
