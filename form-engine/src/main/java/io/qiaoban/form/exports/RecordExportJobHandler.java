package io.qiaoban.form.exports;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/** "form.export": writes an export a user asked for. */
@ApplicationScoped
public class RecordExportJobHandler implements JobHandler {
    public static final String TYPE = "form.export";
    private final RecordExporter exporter;

    RecordExportJobHandler(RecordExporter exporter) {
        this.exporter = exporter;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration maxDuration() {
        return RecordExporter.MAX_DURATION;
    }

    @Override
    public void handle(Job job) throws Exception {
        exporter.run(job, job.workspaceId(), UUID.fromString(job.payload().path("export").asText()));
    }

    @Override
    public boolean failedFinally(Job job, Exception error) throws Exception {
        exporter.interrupted(job.workspaceId(), UUID.fromString(job.payload().path("export").asText()), error);
        return true;
    }
}
