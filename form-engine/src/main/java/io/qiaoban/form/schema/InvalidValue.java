package io.qiaoban.form.schema;

import java.util.List;

/**
 * A value a field type refuses: {@code code} names the message ({@code field.<code>}), {@code args}
 * fill it, and {@code subPath} points inside the value (".province", "[2].qty").
 */
public class InvalidValue extends Exception {
    private final String code;
    private final String subPath;
    private final List<Object> args;

    public InvalidValue(String code, Object... args) {
        this("", code, List.of(args));
    }

    private InvalidValue(String subPath, String code, List<Object> args) {
        super(code, null, false, false);
        this.code = code;
        this.subPath = subPath;
        this.args = args;
    }

    /** The same problem located deeper in the value. */
    public InvalidValue at(String prefix) {
        return new InvalidValue(prefix + subPath, code, args);
    }

    public String code() {
        return code;
    }

    public String subPath() {
        return subPath;
    }

    public List<Object> args() {
        return args;
    }
}
