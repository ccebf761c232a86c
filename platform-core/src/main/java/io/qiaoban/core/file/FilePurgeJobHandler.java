package io.qiaoban.core.file;

import io.qiaoban.core.job.Job;
import io.qiaoban.core.job.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "file.purge": removes temporary files past their time (abandoned uploads, old exports) in the
 * background, queued by {@link FileStore#save} for when such a file expires, so that no user's request
 * pays for deleting someone else's expired 100 MB upload.
 */
@ApplicationScoped
public class FilePurgeJobHandler implements JobHandler {
    public static final String TYPE = "file.purge";
    private final FileStore files;

    FilePurgeJobHandler(FileStore files) {
        this.files = files;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) throws Exception {
        files.purgeExpired();
    }
}
