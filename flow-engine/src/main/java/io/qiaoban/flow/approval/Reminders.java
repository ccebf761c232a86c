package io.qiaoban.flow.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qiaoban.core.job.JobQueue;
import io.qiaoban.core.job.NewJob;
import io.qiaoban.core.notification.Notice;
import io.qiaoban.core.notification.Notifications;
import io.qiaoban.flow.definition.FlowRepository;
import io.qiaoban.flow.definition.StoredFlow;
import io.qiaoban.flow.graph.FlowNode;
import io.qiaoban.flow.runtime.FlowInstance;
import io.qiaoban.flow.runtime.InstanceRepository;
import io.qiaoban.flow.runtime.PublishedGraphs;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * "Timeout with reminder": an approval node's {@code remindAfter} reminds each approver whose task
 * has waited that long (from the moment it became theirs: opened, transferred, added, their turn in
 * a sequence) with an in-app notice, once per task. The reminder is a job enqueued with the task, so
 * it survives restarts; a task decided meanwhile is not reminded.
 */
@ApplicationScoped
public class Reminders {
    static final String JOB = "flow.remind";
    static final String NOTICE = "flow.notice.reminder";

    private final JobQueue jobs;
    private final TaskRepository tasks;
    private final InstanceRepository instances;
    private final PublishedGraphs graphs;
    private final FlowRepository flows;
    private final Notifications notifications;
    private final ObjectMapper json;
    private final Clock clock;

    Reminders(JobQueue jobs, TaskRepository tasks, InstanceRepository instances, PublishedGraphs graphs, FlowRepository flows,
            Notifications notifications, ObjectMapper json, Clock clock) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.instances = instances;
        this.graphs = graphs;
        this.flows = flows;
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
    }

    /** A task just became someone's to decide: their reminder, when the node asks for one. */
    void watch(FlowTask task, JsonNode nodeConfig, Instant now) {
        if (!task.pending() || !nodeConfig.hasNonNull("remindAfter")) {
            return;
        }
        Instant at = now.plus(Duration.parse(nodeConfig.path("remindAfter").asText()));
        jobs.enqueue(NewJob.of(JOB, json.createObjectNode().put("task", task.id().toString())).inWorkspace(task.workspaceId())
                .at(at).dedupe(JOB + ":" + task.id()));
    }

    /** The reminder's moment came: the approver is told, if the task is still theirs to decide. */
    void remind(UUID workspaceId, UUID taskId) throws Exception {
        Optional<FlowTask> found = tasks.find(workspaceId, taskId);
        if (found.isEmpty() || !found.get().pending()) {
            return;
        }
        Optional<FlowInstance> instance = instances.find(workspaceId, found.get().instanceId());
        if (instance.isEmpty() || !instance.get().running()) {
            return;
        }
        FlowTask task = found.get();
        FlowNode node = graphs.get(instance.get().flowId(), instance.get().version()).node(task.nodeId());
        String flowName = flows.find(workspaceId, instance.get().appId(), instance.get().flowId(), false).map(StoredFlow::name)
                .orElse("");
        notifications.send(new Notice(workspaceId, task.assignee(), NOTICE,
                List.of(flowName, node.name() == null || node.name().isBlank() ? node.id() : node.name()),
                "/w/" + workspaceId + "/inbox?task=" + task.id(), JOB + ":" + task.id()));
        tasks.reminded(task.id(), clock.instant());
    }
}
