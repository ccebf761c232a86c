package io.qiaoban.rule.expression;

/** A class whose initialisation a refused expression must never trigger; it says so in a system property. */
public final class Canary {
    static final String PROPERTY = "qiaoban.canary.initialised";

    static {
        System.setProperty(PROPERTY, "yes");
    }

    private Canary() {
    }
}
