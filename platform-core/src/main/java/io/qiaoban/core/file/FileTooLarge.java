package io.qiaoban.core.file;

import io.qiaoban.core.problem.ProblemException;

/** A file over the limit its caller set; thrown while it is being stored, so nothing of it stays. */
public class FileTooLarge extends ProblemException {
    public FileTooLarge(long maxBytes) {
        super(413, "file.too-large", maxBytes / (1024 * 1024));
    }
}
