package io.qiaoban.rule.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The whitelisted functions, found by English name or Chinese alias; nothing outside it is callable. */
public final class FunctionLibrary {
    private final Map<String, ExpressionFunction> byName = new LinkedHashMap<>();
    private final List<ExpressionFunction> functions = new ArrayList<>();

    public FunctionLibrary(List<ExpressionFunction> functions) {
        for (ExpressionFunction f : functions) {
            for (String name : List.of(f.name(), f.alias())) {
                if (byName.putIfAbsent(name, f) != null) {
                    throw new IllegalStateException("Two functions are called " + name);
                }
            }
            this.functions.add(f);
        }
        if (byName.containsKey("contains")) {
            // what the sandbox's lexical pass renames contains(...) to (see MarkedSource)
            byName.put(MarkedSource.CONTAINS_CALL, byName.get("contains"));
        }
    }

    public static FunctionLibrary builtin() {
        return new FunctionLibrary(BuiltinFunctions.all());
    }

    public Optional<ExpressionFunction> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<ExpressionFunction> all() {
        return Collections.unmodifiableList(functions);
    }
}
