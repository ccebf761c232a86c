package io.qiaoban.core.expression;

/**
 * An expression was refused or failed. {@code code} is a message key (e.g. "expression.constructor"),
 * {@code position} the 0-based offset in the source it points at, or -1.
 */
public class ExpressionException extends RuntimeException {
    private final String code;
    private final int position;

    public ExpressionException(String code, int position, String message) {
        super(message);
        this.code = code;
        this.position = position;
    }

    public String code() {
        return code;
    }

    public int position() {
        return position;
    }
}
