package io.qiaoban.core.expression;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

/**
 * Values for one evaluation: variables by name, the evaluation time, the zone that "today" is counted
 * in (the workspace's) and the user it runs for (null for system runs).
 */
public record ExpressionContext(Map<String, Object> variables, Instant now, ZoneId zone, UUID userId) {
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public ExpressionContext {
        zone = zone == null ? DEFAULT_ZONE : zone;
    }

    public ExpressionContext(Map<String, Object> variables, Instant now) {
        this(variables, now, DEFAULT_ZONE, null);
    }
}
