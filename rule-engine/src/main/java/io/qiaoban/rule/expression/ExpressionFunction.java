package io.qiaoban.rule.expression;

/**
 * One callable of the function library: its English name and Chinese alias (both callable), how many
 * arguments it takes, and its documentation in both languages for the formula editor and docs.
 */
public record ExpressionFunction(String name, String alias, String category, int minArgs, int maxArgs,
        String signature, String descriptionZh, String descriptionEn, String example, Body body) {

    /** The implementation: gets the evaluated arguments, returns an expression value (see {@link Values}). */
    @FunctionalInterface
    public interface Body {
        Object apply(Object[] args, Call call);
    }

    /** Where a function is being called: for "today", the budget and errors that point at the call. */
    public static final class Call {
        private final String function;
        private final int position;
        private final SandboxVariables scope;

        Call(String function, int position, SandboxVariables scope) {
            this.function = function;
            this.position = position;
            this.scope = scope;
        }

        public String function() {
            return function;
        }

        public int position() {
            return position;
        }

        public java.time.ZoneId zone() {
            return scope.zone();
        }

        public java.time.LocalDate today() {
            return scope.now().atZone(scope.zone()).toLocalDate();
        }

        /** Counts work done inside a function (elements walked, characters built) against the budget. */
        public void charge(Object value) {
            scope.budget().charge(value);
        }

        public void tick() {
            scope.budget().tick();
        }
    }
}
