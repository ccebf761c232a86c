package io.qiaoban.rule.expression;

import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.problem.ProblemException;
import java.util.List;

/** Expression errors as the API answers them: a 400 problem naming the field, the error and its position. */
public final class ExpressionProblems {
    private ExpressionProblems() {
    }

    /**
     * @param field the JSON path of the expression in the request, e.g. "condition" or
     *              "actions[0].config.payload.level"
     */
    public static ProblemException of(String field, ExpressionException e) {
        return new ProblemException(400, "validation", List.of(e.fieldError(field)), e.messageArgs());
    }

    /** The arguments of an error's message text ("field.{code}"): the 1-based position first, then its own. */
    public static Object[] messageArgs(ExpressionException e) {
        return e.messageArgs();
    }
}
