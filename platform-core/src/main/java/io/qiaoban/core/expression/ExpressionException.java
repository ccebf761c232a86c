package io.qiaoban.core.expression;

import java.util.Arrays;

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
}
