package io.qiaoban.core.expression;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Values for one evaluation: variables by name, the evaluation time and the user it runs for. */
public record ExpressionContext(Map<String, Object> variables, Instant now, UUID userId) {
}
