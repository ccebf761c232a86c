package io.qiaoban.flow.approval;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** "flow.remind": reminds an approver of a task that waited the node's {@code remindAfter}. */
@ApplicationScoped
public class ReminderJobHandler implements JobHandler {
    private final Reminders reminders;

    ReminderJobHandler(Reminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public String type() {
        return Reminders.JOB;
    }

    @Override
    public void handle(Job job) throws Exception {
        reminders.remind(job.workspaceId(), UUID.fromString(job.payload().path("task").asText()));
    }
}
