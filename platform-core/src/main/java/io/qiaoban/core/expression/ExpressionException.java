package io.qiaoban.core.expression;

import io.qiaoban.core.problem.FieldError;
import java.util.Arrays;
import java.util.List;

/**
 * An expression was refused or failed. {@code code} is a message key (e.g. "expression.constructor")
 * whose text takes {@code args}; {@code position} is the 0-based offset in the source it points at,
 * or -1 when the failure has no single place (e.g. the time budget ran out).
 */
public class ExpressionException extends RuntimeException {
    private final String code;
    private final int position;
    private final transient Object[] args;

    public ExpressionException(String code, int position, Object... args) {
        super(code + (args.length == 0 ? "" : " " + Arrays.toString(args)) + (position >= 0 ? " at " + position : ""),
                null, false, false);
        this.code = code;
        this.position = position;
        this.args = args.clone();
    }

    public String code() {
        return code;
    }

    public int position() {
        return position;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The same failure, moved by {@code offset} characters (an expression checked inside a larger one). */
    public ExpressionException shiftedBy(int offset) {
        return position < 0 || offset == 0 ? this : new ExpressionException(code, position + offset, args);
    }

    /** The arguments of this error's message text ("field.{code}"): the 1-based position first, then its own. */
    public Object[] messageArgs() {
        Object[] withPosition = new Object[args.length + 1];
        // people count characters from 1
        withPosition[0] = position < 0 ? "-" : position + 1;
        System.arraycopy(args, 0, withPosition, 1, args.length);
        return withPosition;
    }

    /** This failure as the error of a request field holding the expression (e.g. "fields[3].options.expression"). */
    public FieldError fieldError(String field) {
        return new FieldError(field, code, null, position < 0 ? null : position, List.of(messageArgs()));
    }
}
