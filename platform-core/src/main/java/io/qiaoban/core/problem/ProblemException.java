package io.qiaoban.core.problem;

import java.util.List;

/**
 * A failure the caller should see as a problem document. The message key and its arguments are
 * resolved in the caller's language when the response is written, not where the failure happens.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final Object[] args;
    private final List<FieldError> errors;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<FieldError> errors, Object... args) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.args = args;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", what);
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden");
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    public static ProblemException invalid(String field, String code, Object... args) {
        return new ProblemException(400, "validation", List.of(new FieldError(field, code, null)), args);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
