package io.qiaoban.core.job;

import jakarta.enterprise.context.ApplicationScoped;

/** Always fails, the way a call to a system that is down does. */
@ApplicationScoped
public class FailingJobHandler implements JobHandler {
    @Override
    public String type() {
        return "test.fail";
    }

    @Override
    public void handle(Job job) {
        throw new IllegalStateException("ERP unreachable (attempt " + job.attempt() + ")");
    }
}
