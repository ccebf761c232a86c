package io.qiaoban.rule.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.web.IfMatch;
import io.qiaoban.rule.rule.RuleDefinition;
import io.qiaoban.rule.rule.RuleRepository;
import io.qiaoban.rule.rule.RuleRun;
import io.qiaoban.rule.rule.RuleRunner;
import io.qiaoban.rule.rule.RuleService;
import io.qiaoban.rule.rule.StoredRule;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rules of an app: draft, publish (test cases must pass), enable, dry run, run now, versions. */
@Path("/v1/workspaces/{workspaceId}/apps/{appId}/rules")
public class RuleResource {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleView(UUID id, UUID appId, String name, RuleDefinition.Trigger trigger, String condition,
            List<RuleDefinition.RuleAction> actions, int priority, List<RuleDefinition.TestCase> testCases, boolean enabled,
            int draftVersion, Integer publishedVersion, boolean changedSincePublish, Instant updatedAt,
            List<RuleService.TestResult> testResults) {
    }

    public record RuleSummary(UUID id, String name, RuleDefinition.Trigger trigger, boolean enabled, int priority,
            int draftVersion, Integer publishedVersion, boolean changedSincePublish, Instant updatedAt,
            RuleRepository.LastRun lastRun) {
    }

    public record EnabledRequest(Boolean enabled) {
    }

    public record PayloadRequest(Map<String, Object> payload, String eventType) {
    }

    public record VersionView(int version, Instant publishedAt, UUID publishedBy) {
    }

    private final RuleService rules;

    RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    public List<RuleSummary> list(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId) throws Exception {
        return rules.list(workspaceId, appId).stream().map(listed -> {
            StoredRule r = listed.rule();
            return new RuleSummary(r.id(), r.draft().name(), r.draft().trigger(), r.enabled(), r.draft().priority(),
                    r.draftVersion(), r.publishedVersion(), changed(r), r.updatedAt(), listed.lastRun());
        }).toList();
    }

    @POST
    public Response create(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId, RuleDefinition draft)
            throws Exception {
        StoredRule rule = rules.create(workspaceId, appId, draft);
        return Response.status(201).entity(view(rule, true)).tag(rule.etag().replace("\"", "")).build();
    }

    @GET
    @Path("/{ruleId}")
    public Response get(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId) throws Exception {
        StoredRule rule = rules.get(workspaceId, appId, ruleId);
        return Response.ok(view(rule, true)).tag(String.valueOf(rule.draftVersion())).build();
    }

    @PUT
    @Path("/{ruleId}")
    public Response update(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId, @HeaderParam("If-Match") String ifMatch, RuleDefinition draft) throws Exception {
        StoredRule rule = rules.update(workspaceId, appId, ruleId, IfMatch.intVersion(ifMatch), draft);
        return Response.ok(view(rule, true)).tag(String.valueOf(rule.draftVersion())).build();
    }

    @POST
    @Path("/{ruleId}/publish")
    public RuleView publish(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId) throws Exception {
        return view(rules.publish(workspaceId, appId, ruleId), true);
    }

    @POST
    @Path("/{ruleId}/enabled")
    public RuleView enabled(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId, EnabledRequest request) throws Exception {
        if (request == null || request.enabled() == null) {
            throw ProblemException.invalid("enabled", "required");
        }
        return view(rules.setEnabled(workspaceId, appId, ruleId, request.enabled()), false);
    }

    @DELETE
    @Path("/{ruleId}")
    public Response delete(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId) throws Exception {
        rules.delete(workspaceId, appId, ruleId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{ruleId}/dry-run")
    public RuleService.DryRun dryRun(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId, @HeaderParam("Accept-Language") String language, PayloadRequest request)
            throws Exception {
        return rules.dryRun(workspaceId, appId, ruleId, request == null ? Map.of() : request.payload(),
                request == null ? null : request.eventType(), Messages.fromAcceptLanguage(language));
    }

    @POST
    @Path("/{ruleId}/run")
    public RuleRun run(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId, PayloadRequest request) throws Exception {
        try {
            return rules.runNow(workspaceId, appId, ruleId, request == null ? Map.of() : request.payload());
        } catch (RuleRunner.RunFailed failed) {
            // the run's transaction rolled back; its failure is in the run log and is the answer
            return failed.run();
        }
    }

    @GET
    @Path("/{ruleId}/versions")
    public List<VersionView> versions(@PathParam("workspaceId") UUID workspaceId, @PathParam("appId") UUID appId,
            @PathParam("ruleId") UUID ruleId) throws Exception {
        return rules.versions(workspaceId, appId, ruleId).stream()
                .map(v -> new VersionView(v.version(), v.publishedAt(), v.publishedBy())).toList();
    }

    private RuleView view(StoredRule r, boolean withTests) {
        RuleDefinition d = r.draft();
        return new RuleView(r.id(), r.appId(), d.name(), d.trigger(), d.condition(), d.actions(), d.priority(), d.testCases(),
                r.enabled(), r.draftVersion(), r.publishedVersion(), changed(r), r.updatedAt(),
                withTests ? rules.testResults(d) : null);
    }

    private static boolean changed(StoredRule r) {
        return r.publishedVersion() == null || r.publishedVersion() != r.draftVersion();
    }
}
