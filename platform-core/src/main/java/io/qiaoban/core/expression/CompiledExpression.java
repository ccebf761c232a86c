package io.qiaoban.core.expression;

/** A checked, compiled expression; opaque to its users. */
public interface CompiledExpression {
    String source();

    /** The type the expression yields, as far as it is known at compile time (e.g. Boolean for a condition). */
    Class<?> resultType();
}
