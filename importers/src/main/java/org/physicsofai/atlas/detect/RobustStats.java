package org.physicsofai.atlas.detect;

import java.util.Arrays;

/** Medians and median absolute deviations, the robust statistics the curve detectors share. */
final class RobustStats {

    /** The factor that makes the MAD of normal data estimate its standard deviation. */
    static final double MAD_TO_SD = 1.4826;

    private RobustStats() {}

    /** The median of values[from, to), ignoring NaN; NaN when there is none. */
    static double median(double[] values, int from, int to) {
        double[] copy = new double[Math.max(0, to - from)];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                copy[n++] = values[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(copy, 0, n);
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }

    /** The median absolute deviation of values[from, to) around their median, scaled to a standard deviation. */
    static double mad(double[] values, int from, int to) {
        double med = median(values, from, to);
        double[] dev = new double[Math.max(0, to - from)];
        for (int i = from; i < to; i++) {
            dev[i - from] = Math.abs(values[i] - med);
        }
        return MAD_TO_SD * median(dev, 0, dev.length);
    }

    /** The centred rolling median with the given (odd) window; the ends use the points available. */
    static double[] rollingMedian(double[] values, int window) {
        int half = window / 2;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = median(values, Math.max(0, i - half), Math.min(values.length, i + half + 1));
        }
        return out;
    }
}
