package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.util.List;
import java.util.Map;
import org.mvel2.compiler.Accessor;
import org.mvel2.compiler.ExecutableStatement;
import org.mvel2.integration.VariableResolverFactory;

/**
 * The sandbox's own evaluation of the tokens MVEL would otherwise resolve reflectively: reading a
 * variable and walking into records and lists, and calling a library function. Installed on each
 * checked node at compile time. They never let a ClassCastException escape: MVEL answers one by
 * dropping the accessor and re-resolving the token with its own reflective optimizer.
 */
final class SandboxAccessors {
    private SandboxAccessors() {
    }

    /** What every sandbox accessor shares: it only reads, and its type is known when it runs. */
    interface ReadOnly extends Accessor {
        @Override
        default Object setValue(Object ctx, Object elCtx, VariableResolverFactory factory, Object value) {
            throw new ExpressionException("expression.assignment", -1, String.valueOf(value));
        }

        @Override
        default Class getKnownEgressType() {
            return Object.class;
        }
    }

    static ExpressionException failure(RuntimeException e, int position) {
        if (e instanceof ExpressionException x) {
            return x.position() < 0 ? new ExpressionException(x.code(), position, x.args()) : x;
        }
        if (e instanceof ArithmeticException) {
            return new ExpressionException("expression.arithmetic", position, String.valueOf(e.getMessage()));
        }
        return new ExpressionException("expression.evaluation", position, e.getClass().getSimpleName());
    }

    /** A variable, then fields of records ({@code customer.level}) and elements of lists ({@code orders[0]}). */
    static final class VariableRead implements ReadOnly {
        private final String name;
        private final Object[] segments;
        private final int position;
        private final String path;

        VariableRead(String name, List<Object> segments, int position, String path) {
            this.name = name;
            this.segments = segments.toArray();
            this.position = position;
            this.path = path;
        }

        @Override
        public Object getValue(Object ctx, Object elCtx, VariableResolverFactory factory) {
            try {
                SandboxVariables variables = SandboxVariables.of(factory);
                Object value = variables.read(name);
                for (Object segment : segments) {
                    if (value == null) {
                        return null; // a missing related record reads as empty, like an empty cell
                    }
                    if (segment instanceof String field && value instanceof Map<?, ?> record) {
                        value = Values.normalize(record.get(field));
                    } else if (segment instanceof Integer index && value instanceof List<?> list) {
                        value = index < list.size() ? Values.normalize(list.get(index)) : null;
                    } else if (segment instanceof String field && value instanceof List<?>) {
                        throw new ExpressionException("expression.notARecord", position, path, "@type.list");
                    } else {
                        throw new ExpressionException("expression.notARecord", position, path, "@type." + Values.typeName(value));
                    }
                    variables.budget().charge(value);
                }
                return value;
            } catch (RuntimeException e) {
                throw failure(e, position);
            }
        }

    }

    /**
     * How a function argument is evaluated. Most arguments are a single name, call or literal: those
     * are read straight from their accessor (or are a constant) instead of through a full MVEL
     * statement run, which would wrap the variable factory and walk a one-node list every time.
     */
    static Accessor argument(ExecutableStatement statement) {
        if (statement instanceof org.mvel2.compiler.CompiledExpression compiled && compiled.isSingleNode()
                && compiled.getFirstNode() != null && compiled.getFirstNode().nextASTNode == null) {
            org.mvel2.ast.ASTNode node = compiled.getFirstNode();
            if (node.isLiteral() && !(node instanceof CheckedOperand)) {
                return new Constant(node.getLiteralValue());
            }
            if (node.getClass() == org.mvel2.ast.ASTNode.class
                    && (node.getAccessor() instanceof VariableRead || node.getAccessor() instanceof FunctionCall)) {
                return node.getAccessor();
            }
        }
        return new Statement(statement);
    }

    /** A literal argument. */
    record Constant(Object value) implements ReadOnly {
        @Override
        public Object getValue(Object ctx, Object elCtx, VariableResolverFactory factory) {
            return value;
        }

    }

    /** Any other argument: the checked statement, run by MVEL. */
    record Statement(ExecutableStatement statement) implements ReadOnly {
        @Override
        public Object getValue(Object ctx, Object elCtx, VariableResolverFactory factory) {
            return statement.getValue(ctx, elCtx, factory);
        }

    }

    /** A call of a library function; the arguments are expressions the sandbox compiled and checked on their own. */
    static final class FunctionCall implements ReadOnly {
        private final ExpressionFunction function;
        private final String calledAs;
        private final Accessor[] arguments;
        private final int position;

        FunctionCall(ExpressionFunction function, String calledAs, List<ExecutableStatement> arguments, int position) {
            this.function = function;
            this.calledAs = calledAs;
            this.arguments = arguments.stream().map(SandboxAccessors::argument).toArray(Accessor[]::new);
            this.position = position;
        }

        @Override
        public Object getValue(Object ctx, Object elCtx, VariableResolverFactory factory) {
            try {
                SandboxVariables variables = SandboxVariables.of(factory);
                Object[] values = new Object[arguments.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Values.normalize(arguments[i].getValue(ctx, elCtx, variables));
                }
                // functions over lists tick per element; a call itself costs little: a tick, not a clock read
                variables.budget().tick();
                Object result = function.body().apply(values, new ExpressionFunction.Call(calledAs, position, variables));
                return Values.normalize(result);
            } catch (RuntimeException e) {
                throw failure(e, position);
            }
        }

    }
}
