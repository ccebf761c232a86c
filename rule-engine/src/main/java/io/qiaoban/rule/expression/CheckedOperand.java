package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.mvel2.Operator;
import org.mvel2.ast.ASTNode;
import org.mvel2.integration.VariableResolverFactory;

/**
 * Wraps an operand of an arithmetic or ordering operator and checks its value before MVEL's operator
 * sees it. MVEL's own rules are lenient in ways a business user never means: {@code 'abc' * 2} is
 * null, {@code null + 1} is the text "null1". Here an empty operand of arithmetic and a value of the
 * wrong kind are errors that name the operator and its position.
 */
final class CheckedOperand extends ASTNode {
    private final ASTNode operand;
    private final int operator;
    private final int position;

    CheckedOperand(ASTNode operand, int operator, int position) {
        super((org.mvel2.ParserContext) null);
        this.operand = operand;
        this.operator = operator;
        this.position = position;
        this.egressType = operand.getEgressType();
    }

    static boolean checks(int operator) {
        return operator != Operator.EQUAL && operator != Operator.NEQUAL;
    }

    @Override
    public Object getReducedValueAccelerated(Object ctx, Object thisValue, VariableResolverFactory factory) {
        return check(operand.getReducedValueAccelerated(ctx, thisValue, factory));
    }

    @Override
    public Object getReducedValue(Object ctx, Object thisValue, VariableResolverFactory factory) {
        return check(operand.getReducedValueAccelerated(ctx, thisValue, factory));
    }

    private Object check(Object value) {
        return check(value, operator, position);
    }

    /** Checks one operand's value; literal operands are checked once, at compile time. */
    static Object check(Object value, int operator, int position) {
        if (value instanceof BigDecimal n) {
            // results of MVEL's own arithmetic are checked here, as operands of the next operator
            Values.checkSize(n, position);
        }
        boolean number = value instanceof BigDecimal || value instanceof Integer || value instanceof Long;
        switch (operator) {
            case Operator.SUB, Operator.MULT, Operator.DIV, Operator.MOD -> {
                if (value == null) {
                    throw new ExpressionException("expression.nullOperand", position, symbol(operator));
                }
                if (!number) {
                    throw new ExpressionException("expression.wrongType", position, symbol(operator), "@type." + Values.typeName(value));
                }
            }
            case Operator.ADD -> {
                if (value == null) {
                    throw new ExpressionException("expression.nullOperand", position, symbol(operator));
                }
                if (!number && !(value instanceof String)) {
                    throw new ExpressionException("expression.wrongType", position, symbol(operator), "@type." + Values.typeName(value));
                }
            }
            default -> {
                if (value != null && !number && !(value instanceof String) && !(value instanceof LocalDate)
                        && !(value instanceof Instant)) {
                    throw new ExpressionException("expression.wrongType", position, symbol(operator), "@type." + Values.typeName(value));
                }
            }
        }
        return value;
    }

    private static String symbol(int operator) {
        return switch (operator) {
            case Operator.ADD -> "+";
            case Operator.SUB -> "-";
            case Operator.MULT -> "*";
            case Operator.DIV -> "/";
            case Operator.MOD -> "%";
            case Operator.LTHAN -> "<";
            case Operator.GTHAN -> ">";
            case Operator.LETHAN -> "<=";
            case Operator.GETHAN -> ">=";
            default -> "?";
        };
    }

    @Override
    public boolean isLiteral() {
        return false;
    }
}
