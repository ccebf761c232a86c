package io.qiaoban.core.expression;

import java.util.Map;
import java.util.Set;

/**
 * The shape of what an expression may read: variable names and their types (record fields, "now",
 * "user"...), and the outputs it may assign. Part of the compile cache key.
 */
public record ExpressionContextType(Map<String, Class<?>> variables, Set<String> outputs) {
    public ExpressionContextType {
        variables = Map.copyOf(variables);
        outputs = Set.copyOf(outputs);
    }
}
