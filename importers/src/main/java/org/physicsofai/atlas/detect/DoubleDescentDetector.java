package org.physicsofai.atlas.detect;

import java.util.Optional;

/**
 * Finds a double-descent peak in test error against a size (model size, data size, epochs). Pure: no
 * store, no graph.
 *
 * <p>Points in the warm-up, the first {@code warmup} fraction of the x range (for a run's curve: the
 * initialisation and the first steps), are left out: what the error does there is the start of training,
 * not a descent. The rest, ordered by x, are smoothed by a centred rolling median of {@code smoothing}
 * points (1: none). The peak is the interior point whose prominence is largest, the prominence being the
 * smaller of its rises above the lowest point before it and the lowest point after it. It counts as double
 * descent when that prominence is at least {@code prominence} times the range of the smoothed curve and the
 * error first fell to the minimum before the peak by as much (a first descent: a curve that only rises from
 * its start and then falls, as the test loss of a run that memorises and then groks, is not double
 * descent): the error clearly falls, rises to the peak and falls again. At least five points are needed.
 *
 * @param smoothing the rolling-median window (odd, 1 for none)
 * @param prominence the least prominence as a fraction of the curve's range
 * @param warmup the fraction of the x range at the start that is left out (0 for none)
 */
public record DoubleDescentDetector(int smoothing, double prominence, double warmup) {

    public static final String VERSION = "1.1.0";

    /** Within one run's curve (epoch-wise): a 5-point median against noise, the first 2% of the steps left out. */
    public static final DoubleDescentDetector EPOCH_WISE = new DoubleDescentDetector(5, 0.1, 0.02);

    /** Across a sweep: one point per run, no smoothing, no warm-up. */
    public static final DoubleDescentDetector SWEEP = new DoubleDescentDetector(1, 0.1, 0);

    public DoubleDescentDetector {
        if (smoothing < 1 || smoothing % 2 == 0) {
            throw new IllegalArgumentException("The smoothing window must be odd and positive: " + smoothing);
        }
        if (!(prominence > 0 && prominence < 1)) {
            throw new IllegalArgumentException("The prominence must lie in (0, 1): " + prominence);
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("The warm-up must lie in [0, 1): " + warmup);
        }
    }

    /**
     * The peak and the two minima around it (x values and smoothed errors), with the peak's prominence as
     * a fraction of the range.
     */
    public record Peak(
            double x,
            double value,
            double leftX,
            double leftValue,
            double rightX,
            double rightValue,
            double relative) {}

    /**
     * @param x the sizes, ascending
     * @param y the test errors at those sizes (NaN points are dropped)
     */
    public Optional<Peak> detect(double[] x, double[] y) {
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(x[i])) {
                if (n > 0 && x[i] < xs[n - 1]) {
                    throw new IllegalArgumentException("The sizes must be ascending: " + x[i] + " after " + xs[n - 1]);
                }
                xs[n] = x[i];
                ys[n++] = y[i];
            }
        }
        if (n > 0 && warmup > 0) {
            // leave out the warm-up: the initialisation and the first steps are no minimum
            double end = xs[0] + warmup * (xs[n - 1] - xs[0]);
            int from = 0;
            while (from < n && (xs[from] <= end)) {
                from++;
            }
            xs = java.util.Arrays.copyOfRange(xs, from, n);
            ys = java.util.Arrays.copyOfRange(ys, from, n);
            n -= from;
        }
        if (n < 5) {
            return Optional.empty();
        }
        double[] s = RobustStats.rollingMedian(java.util.Arrays.copyOf(ys, n), smoothing);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : s) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = hi - lo;
        if (!(range > 0)) {
            return Optional.empty();
        }
        int[] leftMin = new int[n];
        for (int i = 1; i < n; i++) {
            leftMin[i] = s[i] < s[leftMin[i - 1]] ? i : leftMin[i - 1];
        }
        int[] rightMin = new int[n];
        rightMin[n - 1] = n - 1;
        for (int i = n - 2; i >= 0; i--) {
            rightMin[i] = s[i] < s[rightMin[i + 1]] ? i : rightMin[i + 1];
        }
        int best = -1;
        double bestProminence = 0;
        for (int i = 1; i < n - 1; i++) {
            double p = Math.min(s[i] - s[leftMin[i - 1]], s[i] - s[rightMin[i + 1]]);
            if (p > bestProminence) {
                bestProminence = p;
                best = i;
            }
        }
        if (best < 0 || bestProminence < prominence * range) {
            return Optional.empty();
        }
        int l = leftMin[best - 1];
        // a first descent: the error fell from where the curve starts to the minimum before the peak
        double first = 0;
        for (int i = 0; i < l; i++) {
            first = Math.max(first, s[i] - s[l]);
        }
        if (first < prominence * range) {
            return Optional.empty();
        }
        int r = rightMin[best + 1];
        return Optional.of(new Peak(xs[best], s[best], xs[l], s[l], xs[r], s[r], bestProminence / range));
    }
}
