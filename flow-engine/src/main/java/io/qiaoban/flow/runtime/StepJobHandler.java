package io.qiaoban.flow.runtime;

import io.qiaoban.core.expression.ExpressionException;
import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import io.qiaoban.core.problem.Messages;
import io.qiaoban.core.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * "flow.step": acts on one step of an instance (and the steps it leads to, until they pause). The job
 * is removed in the same transaction, so a step's effects commit exactly once. A refused action (a
 * deleted record, a config that does not fit) is final: the step and its instance fail with the
 * reason instead of retrying; anything else (the database away, a crash) is retried.
 */
@ApplicationScoped
public class StepJobHandler implements JobHandler {
    private final FlowEngine engine;

    StepJobHandler(FlowEngine engine) {
        this.engine = engine;
    }

    @Override
    public String type() {
        return FlowEngine.STEP_JOB;
    }

    @Override
    public void handle(Job job) throws Exception {
        engine.advance(UUID.fromString(job.payload().path("instance").asText()), job.payload().path("step").asLong(), job.id());
    }

    /** Timers due together commit together; a step whose action is refused fails its batch and then runs alone. */
    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public boolean retryable(Exception error) {
        return !(error instanceof ProblemException p && p.status() < 500) && !(error instanceof ExpressionException);
    }

    @Override
    public boolean failedFinally(Job job, Exception error) throws Exception {
        String code;
        String zh;
        String en;
        if (error instanceof ProblemException p) {
            code = p.code();
            zh = Messages.problem(Messages.ZH, p).detail();
            en = Messages.problem(Messages.EN, p).detail();
        } else if (error instanceof ExpressionException e) {
            code = e.code();
            zh = Messages.text(Messages.ZH, "field." + e.code(), e.messageArgs());
            en = Messages.text(Messages.EN, "field." + e.code(), e.messageArgs());
        } else {
            code = "flow.stepFailed";
            zh = Messages.text(Messages.ZH, "flow.stepFailed.detail", String.valueOf(error.getMessage()));
            en = Messages.text(Messages.EN, "flow.stepFailed.detail", String.valueOf(error.getMessage()));
        }
        engine.failed(UUID.fromString(job.payload().path("instance").asText()), job.payload().path("step").asLong(), code, zh, en);
        return true;
    }
}
