package io.qiaoban.flow.graph;

/**
 * What a journey is for, e.g. "this customer ordered again": an event ({@code event}, optionally of
 * one form, matched to the instance's customer on the field {@code match} of the event's record, the
 * way an event wait matches), reached within {@code within} (an ISO duration, default
 * {@link #DEFAULT_WINDOW}) of entering the journey. A customer who reaches it leaves the journey at
 * once; reaching it after the journey ended still counts for the conversion report until the window
 * closes, since a coupon sent on the last step converts later.
 */
public record FlowGoal(String event, String form, String match, String within) {
    public static final String DEFAULT_WINDOW = "P30D";

    public String window() {
        return within == null || within.isBlank() ? DEFAULT_WINDOW : within;
    }
}
