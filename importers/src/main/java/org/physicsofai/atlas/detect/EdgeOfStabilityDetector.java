package org.physicsofai.atlas.detect;

import java.util.Locale;
import java.util.OptionalLong;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Reads whether a run trains at the edge of stability (Cohen et al. 2021, 2022). Pure: no store, no
 * graph.
 *
 * <p>The ratio {@code r = S * eta / 2} of the sharpness {@code S} and the learning rate {@code eta} at
 * each logged step is compared with its threshold: 1 for gradient descent (sharpness at {@code 2/eta}),
 * and {@code (1 + beta1) / (1 - beta1)} for the preconditioned sharpness of Adam (preconditioned
 * sharpness at {@code (2 + 2 beta1) / ((1 - beta1) eta)}, 38/eta for beta1 = 0.9, so a ratio of 19).
 *
 * <ul>
 *   <li>The <b>settled ratio</b> is the median of {@code r} over the last {@code tail} fraction of the
 *       points; the run is <b>at the edge</b> when it lies within {@code tolerance} (relative) of the
 *       threshold, <b>below</b> when it is lower, <b>above</b> when higher.
 *   <li>The <b>threshold step</b> is the first step at which {@code r} reaches {@code 1 - tolerance}
 *       times the threshold.
 *   <li>The <b>progressive-sharpening onset</b> is the step of the lowest ratio before the threshold step
 *       (the curve rises from there), reported only when the ratio grew at least {@code sharpening}-fold
 *       from it to the threshold.
 * </ul>
 *
 * @param tolerance relative distance from the threshold that still counts as at the edge
 * @param tail fraction of the last points whose median is the settled ratio
 * @param sharpening how many times the ratio must grow from its minimum for an onset to be reported
 */
public record EdgeOfStabilityDetector(double tolerance, double tail, double sharpening) {

    public static final String VERSION = "1.0.0";

    public static final EdgeOfStabilityDetector DEFAULT = new EdgeOfStabilityDetector(0.2, 0.25, 1.5);

    public EdgeOfStabilityDetector {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("The tolerance must lie in (0, 1): " + tolerance);
        }
        if (!(tail > 0 && tail <= 1)) {
            throw new IllegalArgumentException("The tail must lie in (0, 1]: " + tail);
        }
        if (!(sharpening > 1)) {
            throw new IllegalArgumentException("The sharpening factor must exceed 1: " + sharpening);
        }
    }

    /** The optimiser whose stability threshold applies. */
    public enum Regime {
        /** gradient descent: sharpness threshold 2/eta, ratio 1 */
        GD,
        /** Adam: preconditioned sharpness threshold (2 + 2 beta1) / ((1 - beta1) eta) */
        ADAM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the settled ratio lies against the threshold. */
    public enum Verdict {
        AT_EDGE,
        BELOW,
        ABOVE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** The ratio that marks the threshold: 1 for GD, (1 + beta1) / (1 - beta1) for Adam. */
    public static double threshold(Regime regime, double beta1) {
        if (regime == Regime.GD) {
            return 1;
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must lie in [0, 1): " + beta1);
        }
        return (1 + beta1) / (1 - beta1);
    }

    /**
     * @param threshold the ratio of the threshold
     * @param settled the median ratio over the tail
     * @param thresholdStep the first step at which the ratio came within the tolerance below the threshold
     * @param onset the progressive-sharpening onset
     * @param onsetSharpness the sharpness at the onset (NaN without one)
     * @param points how many steps had both a sharpness and a learning rate
     */
    public record Result(
            double threshold,
            double settled,
            Verdict verdict,
            OptionalLong thresholdStep,
            OptionalLong onset,
            double onsetSharpness,
            int points) {}

    /**
     * @param sharpness the (preconditioned, for Adam) sharpness as logged
     * @param learningRate the learning rate as logged, or null when it is constant
     * @param constantRate the constant learning rate when there is no series (ignored otherwise)
     * @return the result, or null when fewer than 4 steps have both a positive sharpness and rate
     */
    public Result detect(SeriesData sharpness, SeriesData learningRate, double constantRate, double threshold) {
        int n = sharpness.size();
        long[] steps = new long[n];
        double[] ratio = new double[n];
        double[] sharp = new double[n];
        int m = 0;
        int j = 0;
        for (int i = 0; i < n; i++) {
            double s = sharpness.value(i);
            long step = sharpness.step(i);
            double eta;
            if (learningRate == null) {
                eta = constantRate;
            } else {
                // the rate in force at the step: the last logged at or before it
                while (j + 1 < learningRate.size() && learningRate.step(j + 1) <= step) {
                    j++;
                }
                eta = learningRate.size() == 0 || learningRate.step(j) > step ? Double.NaN : learningRate.value(j);
            }
            if (s > 0 && Double.isFinite(s) && eta > 0 && Double.isFinite(eta)) {
                steps[m] = step;
                sharp[m] = s;
                ratio[m++] = s * eta / 2;
            }
        }
        if (m < 4) {
            return null;
        }
        int from = Math.min(m - 1, (int) Math.floor(m * (1 - tail)));
        double settled = RobustStats.median(ratio, from, m);
        Verdict verdict = Math.abs(settled / threshold - 1) <= tolerance
                ? Verdict.AT_EDGE
                : settled < threshold ? Verdict.BELOW : Verdict.ABOVE;
        int reached = -1;
        for (int i = 0; i < m; i++) {
            if (ratio[i] >= (1 - tolerance) * threshold) {
                reached = i;
                break;
            }
        }
        OptionalLong onset = OptionalLong.empty();
        double onsetSharpness = Double.NaN;
        if (reached > 0) {
            int low = 0;
            for (int i = 1; i < reached; i++) {
                if (ratio[i] < ratio[low]) {
                    low = i;
                }
            }
            if (ratio[reached] >= sharpening * ratio[low]) {
                onset = OptionalLong.of(steps[low]);
                onsetSharpness = sharp[low];
            }
        }
        return new Result(
                threshold,
                settled,
                verdict,
                reached < 0 ? OptionalLong.empty() : OptionalLong.of(steps[reached]),
                onset,
                onsetSharpness,
                m);
    }
}
