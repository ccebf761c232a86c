package io.qiaoban.flow.runtime;

/**
 * A step is a token on a node. ACTIVE: written, to be acted on by its job. WAITING: paused (a timer,
 * an event, people deciding). ARRIVED: at a join, waiting for the other branches. DONE: left through
 * its outcome. CANCELLED: the instance ended while it waited. FAILED: its action was refused.
 */
public enum StepState {
    ACTIVE, WAITING, ARRIVED, DONE, CANCELLED, FAILED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static StepState of(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
