package io.qiaoban.flow.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.problem.ProblemException;
import io.qiaoban.core.workspace.MemberDirectory;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.runtime.FlowInstance;
import io.qiaoban.flow.runtime.FlowStep;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Opens an approval step: finds its approvers ({@code assignees}: {@code by} "user" with
 * {@code users}, "role" with {@code roles}, "field" with the record's member {@code field}, or
 * "starter"), gives each a task (all at once for "any" and "all", one after the other for
 * "sequential"), copies the {@code cc} people, and handles its timeout ({@code onTimeout}: "approve",
 * "reject", or by default "escalate" to {@code escalateTo}), and reminds approvers after
 * {@code remindAfter} ({@link Reminders}).
 */
@ApplicationScoped
public class ApprovalTasks {
    /** The approvers an approval step got and when its timeout falls due (null: none). */
    public record Opened(List<UUID> assignees, Instant dueAt) {
    }

    private final TaskRepository tasks;
    private final MemberDirectory members;
    private final Reminders reminders;

    ApprovalTasks(TaskRepository tasks, MemberDirectory members, Reminders reminders) {
        this.tasks = tasks;
        this.members = members;
        this.reminders = reminders;
    }

    public Opened open(FlowInstance instance, FlowStep step, FlowNode node, Map<String, Object> record, Instant now)
            throws SQLException {
        JsonNode config = node.config();
        List<UUID> assignees = people(instance, config.path("assignees"), record);
        if (assignees.isEmpty()) {
            throw new ProblemException(409, "flow.noAssignee", node.name() == null ? node.id() : node.name());
        }
        boolean sequential = "sequential".equals(config.path("mode").asText("any"));
        for (int i = 0; i < assignees.size(); i++) {
            reminders.watch(tasks.insert(instance.workspaceId(), instance.id(), step.id(), node.id(), assignees.get(i), i,
                    sequential && i > 0 ? "queued" : "pending", now), config, now);
        }
        for (UUID cc : people(instance, config.path("cc"), record)) {
            tasks.cc(instance.id(), cc, node.id(), now);
        }
        Instant due = config.hasNonNull("timeout") ? now.plus(Duration.parse(config.path("timeout").asText())) : null;
        return new Opened(assignees, due);
    }

    /**
     * The timeout of a step came with people still deciding: the outcome it decides ("approved",
     * "rejected"), or empty when it escalates (the escalation approvers get tasks beside the others).
     */
    public Optional<String> timedOut(FlowInstance instance, FlowStep step, FlowNode node, Instant now) throws SQLException {
        String onTimeout = node.config().path("onTimeout").asText("escalate");
        if (onTimeout.equals("approve") || onTimeout.equals("reject")) {
            tasks.cancelOpenOfStep(step.id(), now);
            return Optional.of(onTimeout.equals("approve") ? "approved" : "rejected");
        }
        List<FlowTask> current = tasks.ofStep(step.id());
        Set<UUID> already = new LinkedHashSet<>();
        current.stream().filter(t -> t.pending() || "queued".equals(t.state())).forEach(t -> already.add(t.assignee()));
        int position = current.stream().mapToInt(FlowTask::position).max().orElse(-1) + 1;
        for (UUID user : people(instance, node.config().path("escalateTo"), Map.of())) {
            if (already.add(user)) {
                reminders.watch(tasks.insert(instance.workspaceId(), instance.id(), step.id(), node.id(), user, position++, "pending",
                        now), node.config(), now);
            }
        }
        return Optional.empty();
    }

    public void cancelOpen(UUID instanceId, Instant now) throws SQLException {
        tasks.cancelOpenOfInstance(instanceId, now);
    }

    /** Active members named by an assignee config, in order, each once. */
    List<UUID> people(FlowInstance instance, JsonNode who, Map<String, Object> record) throws SQLException {
        if (!who.isObject()) {
            return List.of();
        }
        UUID workspace = instance.workspaceId();
        return switch (who.path("by").asText()) {
            case "user" -> members.activeMembers(workspace, ids(texts(who.path("users"))));
            case "role" -> members.withRoles(workspace, texts(who.path("roles")));
            case "field" -> members.activeMembers(workspace, ids(values(record.get(who.path("field").asText()))));
            case "starter" -> instance.startedBy() == null ? List.of() : members.activeMembers(workspace, List.of(instance.startedBy()));
            default -> List.of();
        };
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> values(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection<?> many) {
            many.forEach(v -> out.add(String.valueOf(v)));
        } else if (value != null) {
            out.add(value.toString());
        }
        return out;
    }

    private static List<UUID> ids(List<String> texts) {
        List<UUID> ids = new ArrayList<>();
        for (String text : texts) {
            try {
                ids.add(UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                // not a user id: names nobody
            }
        }
        return ids;
    }
}
