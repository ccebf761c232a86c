package io.qiaoban.flow.conversion;

import io.qiaoban.flow.graph.FlowGoal;
import java.util.List;

/**
 * How a journey converts: its current goal, then per published version and per A/B variant how many
 * customers entered, reached the goal, are still in it, and left on its exit condition.
 */
public record Conversion(FlowGoal goal, List<Row> versions, List<Row> variants) {

    /** One group of instances: a version ({@code split} and {@code variant} null) or a variant of a split in a version. */
    public record Row(int version, String split, String variant, long entered, long converted, long running, long exited) {
        /** Converted of entered, 0..1 (0 when none entered). */
        public double rate() {
            return entered == 0 ? 0 : (double) converted / entered;
        }
    }
}
