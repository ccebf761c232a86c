package io.qiaoban.rule.api;

import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.rule.rule.RuleRepository.RunCursor;
import io.qiaoban.rule.rule.RuleRun;
import io.qiaoban.rule.rule.RuleService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The run log of an app's rules, newest first, filtered by rule and outcome, paged by cursor. */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/rule-runs")
public class RuleRunResource {
    public record RunPage(List<RuleRun> items, String next) {
    }

    private final RuleService rules;

    RuleRunResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    public RunPage list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @QueryParam("ruleId") UUID ruleId, @QueryParam("outcome") String outcome, @QueryParam("before") String before,
            @QueryParam("limit") Integer limit) throws Exception {
        if (outcome != null && !Set.of(RuleRun.SKIPPED, RuleRun.SUCCEEDED, RuleRun.FAILED).contains(outcome)) {
            throw ProblemException.invalid("outcome", "rule.outcome");
        }
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw ProblemException.invalid("limit", "rule.limit");
        }
        List<RuleRun> items = rules.runs(workspaceId, appId, ruleId, outcome, cursor(before), size);
        RuleRun last = items.size() == size ? items.get(items.size() - 1) : null;
        return new RunPage(items, last == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString((last.startedAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8)));
    }

    private static RunCursor cursor(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.UTF_8).split("\\|", 2);
            return new RunCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("before", "rule.cursor");
        }
    }
}
