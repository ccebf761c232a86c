package io.qiaoban.flow.schedule;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** "flow.schedule": one firing of a flow's schedule (it plans the next one in the same transaction). */
@ApplicationScoped
public class ScheduleFiringHandler implements JobHandler {
    private final FlowSchedules schedules;

    ScheduleFiringHandler(FlowSchedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public String type() {
        return FlowSchedules.FIRE_JOB;
    }

    @Override
    public void handle(Job job) throws Exception {
        schedules.fire(job.workspaceId(), job.payload());
    }
}
