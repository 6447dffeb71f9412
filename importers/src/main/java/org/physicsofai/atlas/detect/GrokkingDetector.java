package org.physicsofai.atlas.detect;

import java.util.OptionalLong;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Reads the steps at which training and test accuracy first reach a threshold and labels the run's
 * learning phase by a {@link PhaseRule}. Pure: no store, no graph.
 *
 * @param threshold the accuracy threshold as a fraction of the task's scale, in (0, 1]
 * @param rule the phase rule with its budget and gap
 */
public record GrokkingDetector(double threshold, PhaseRule rule) {

    /** The detector's version: a change of what it computes gets a new one. */
    public static final String VERSION = "1.0.0";

    public static final double DEFAULT_THRESHOLD = 0.9;

    public static final GrokkingDetector DEFAULT = new GrokkingDetector(DEFAULT_THRESHOLD, PhaseRule.PUBLISHED);

    public GrokkingDetector {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "The threshold is a fraction of the accuracy scale in (0, 1]: " + threshold);
        }
        java.util.Objects.requireNonNull(rule, "rule");
    }

    /** What the detector found in one run. */
    public record Result(OptionalLong trainStep, OptionalLong testStep, LearningPhase phase) {

        /** Steps from the training threshold to the test threshold, when both were reached. */
        public OptionalLong delay() {
            return trainStep.isPresent() && testStep.isPresent()
                    ? OptionalLong.of(testStep.getAsLong() - trainStep.getAsLong())
                    : OptionalLong.empty();
        }
    }

    /**
     * @param train training accuracy as logged
     * @param trainPercent whether the training series is in percent (else a fraction)
     * @param test test (validation) accuracy as logged
     * @param testPercent whether the test series is in percent
     */
    public Result detect(SeriesData train, boolean trainPercent, SeriesData test, boolean testPercent) {
        OptionalLong t = firstReaching(train, trainPercent);
        OptionalLong v = firstReaching(test, testPercent);
        return new Result(t, v, rule.classify(t, v));
    }

    /**
     * The first step within the budget at which the value reaches the threshold (NaN never does), or
     * empty.
     */
    public OptionalLong firstReaching(SeriesData series, boolean percent) {
        double level = percent ? threshold * 100 : threshold;
        for (int i = 0; i < series.size(); i++) {
            long step = series.step(i);
            if (step > rule.budget()) {
                continue;
            }
            double value = series.value(i);
            if (!Double.isNaN(value) && value >= level) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /** Whether a series is in percent: its unit says so, or (without a unit) a value exceeds 1. */
    public static boolean percent(SeriesData series, String unit) {
        if (unit != null) {
            return unit.endsWith("/PERCENT");
        }
        for (int i = 0; i < series.size(); i++) {
            if (series.value(i) > 1) {
                return true;
            }
        }
        return false;
    }

    /** The threshold as written in events, such as {@code 0.9}. */
    public String thresholdText() {
        return threshold == Math.rint(threshold) ? Long.toString((long) threshold) : Double.toString(threshold);
    }
}
