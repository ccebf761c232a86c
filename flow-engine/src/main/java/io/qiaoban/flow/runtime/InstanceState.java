package io.qiaoban.flow.runtime;

/** Where an instance is: running, or ended one way or another. Keys are stored. */
public enum InstanceState {
    RUNNING, COMPLETED, REJECTED, CANCELLED, FAILED;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static InstanceState of(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
