package io.qiaoban.flow.definition;

import java.util.Arrays;
import java.util.Optional;

/** What a flow is for; one engine runs both. Keys are stored. */
public enum FlowKind {
    /** People decide: leave, discount, refund, coupon budget. */
    APPROVAL("approval"),
    /** The shop reaches customers over time: welcome, win-back, repurchase. */
    JOURNEY("journey");

    private final String key;

    FlowKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<FlowKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
