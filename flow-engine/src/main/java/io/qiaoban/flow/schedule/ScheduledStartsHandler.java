package io.qiaoban.flow.schedule;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import io.qiaoban.core.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "flow.schedule.starts": starts a firing's instances, a page of the trigger form's records at a
 * time. A refused page (the form or a filtered field deleted since publishing) goes to the dead
 * letters at once, where an admin sees why; the schedule itself fires on.
 */
@ApplicationScoped
public class ScheduledStartsHandler implements JobHandler {
    private final FlowSchedules schedules;

    ScheduledStartsHandler(FlowSchedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public String type() {
        return FlowSchedules.STARTS_JOB;
    }

    @Override
    public void handle(Job job) throws Exception {
        schedules.startPage(job.workspaceId(), job.payload());
    }

    @Override
    public boolean retryable(Exception error) {
        return !(error instanceof ProblemException p && p.status() < 500);
    }
}
