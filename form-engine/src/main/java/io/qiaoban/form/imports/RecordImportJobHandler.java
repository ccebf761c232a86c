package io.qiaoban.form.imports;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/** "form.import": runs an import the user started. */
@ApplicationScoped
public class RecordImportJobHandler implements JobHandler {
    public static final String TYPE = "form.import";
    private final RecordImporter importer;

    RecordImportJobHandler(RecordImporter importer) {
        this.importer = importer;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Duration maxDuration() {
        return RecordImporter.MAX_DURATION;
    }

    @Override
    public void handle(Job job) throws Exception {
        importer.run(job, job.workspaceId(), UUID.fromString(job.payload().path("import").asText()));
    }

    @Override
    public boolean failedFinally(Job job, Exception error) throws Exception {
        importer.interrupted(job.workspaceId(), UUID.fromString(job.payload().path("import").asText()), error);
        return true;
    }
}
