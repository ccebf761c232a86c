package io.qiaoban.core.job;

/** READY waits for its run-at time, RUNNING is leased by a worker, DEAD gave up. Done jobs are deleted. */
public enum JobState {
    READY, RUNNING, DEAD
}
