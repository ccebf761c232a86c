package io.qiaoban.core.problem;

/** One invalid field of a request: {@code field} is a JSON path such as {@code name} or {@code permissions[2]}. */
public record FieldError(String field, String code, String message) {
}
