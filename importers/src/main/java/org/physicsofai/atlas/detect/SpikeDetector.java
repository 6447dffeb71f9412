package org.physicsofai.atlas.detect;

import java.util.ArrayList;
import java.util.List;
import org.physicsofai.atlas.series.SeriesData;

/**
 * Finds spikes in a positive curve such as a loss or the last-layer weight norm (the slingshot
 * mechanism of Thilak et al. 2022). Pure: no store, no graph.
 *
 * <p>The rule works on the logarithm of the values, so that a curve decaying over decades keeps a steady
 * noise level: a point is spiking when its log exceeds the median of the previous {@code window} logs by
 * more than {@code k} robust standard deviations (1.4826 x their median absolute deviation, floored at
 * 0.01 so that a flat curve does not make every wiggle a spike) and the value is at least {@code
 * minRatio} times that median. Consecutive spiking points form one spike, reported at its highest
 * point. The first {@code window / 2} points are never tested (too little history).
 *
 * @param window how many previous points make the baseline
 * @param k how many robust standard deviations above the baseline a spike must reach
 * @param minRatio how many times the baseline value a spike must reach
 */
public record SpikeDetector(int window, double k, double minRatio) {

    public static final String VERSION = "1.0.0";

    public static final SpikeDetector DEFAULT = new SpikeDetector(20, 6, 1.5);

    /** The floor of the robust standard deviation of the log values. */
    static final double MIN_SPREAD = 0.01;

    public SpikeDetector {
        if (window < 4) {
            throw new IllegalArgumentException("The spike window must be at least 4 points: " + window);
        }
        if (!(k > 0)) {
            throw new IllegalArgumentException("The spike threshold k must be positive: " + k);
        }
        if (!(minRatio > 1)) {
            throw new IllegalArgumentException("The spike ratio must exceed 1: " + minRatio);
        }
    }

    /**
     * One spike: the step and value of its highest point, the baseline (median of the window before it),
     * its robust z-score on the log scale, and the steps where it starts and ends.
     */
    public record Spike(long step, double value, double baseline, double z, long from, long to) {

        public double ratio() {
            return value / baseline;
        }
    }

    /** The spikes of the curve in step order; non-positive and NaN values are skipped. */
    public List<Spike> detect(SeriesData series) {
        int n = 0;
        long[] steps = new long[series.size()];
        double[] logs = new double[series.size()];
        double[] raw = new double[series.size()];
        for (int i = 0; i < series.size(); i++) {
            double v = series.value(i);
            if (v > 0 && Double.isFinite(v)) {
                steps[n] = series.step(i);
                raw[n] = v;
                logs[n++] = Math.log(v);
            }
        }
        List<Spike> spikes = new ArrayList<>();
        int start = -1;
        int best = -1;
        double bestZ = 0;
        double bestBase = 0;
        int min = Math.max(4, window / 2);
        for (int i = 0; i <= n; i++) {
            boolean spiking = false;
            double z = 0;
            double base = 0;
            if (i < n && i >= min) {
                // the baseline ignores the spike's own earlier points so that a long spike stays one
                int end = start >= 0 ? start : i;
                int from = Math.max(0, end - window);
                if (end - from >= min) {
                    double med = RobustStats.median(logs, from, end);
                    double sd = Math.max(MIN_SPREAD, RobustStats.mad(logs, from, end));
                    z = (logs[i] - med) / sd;
                    base = Math.exp(med);
                    spiking = z > k && raw[i] >= minRatio * base;
                }
            }
            if (spiking) {
                if (start < 0) {
                    start = i;
                    best = i;
                    bestZ = z;
                    bestBase = base;
                } else if (raw[i] > raw[best]) {
                    best = i;
                    bestZ = z;
                    bestBase = base;
                }
            } else if (start >= 0) {
                spikes.add(new Spike(steps[best], raw[best], bestBase, bestZ, steps[start], steps[i - 1]));
                start = -1;
            }
        }
        return List.copyOf(spikes);
    }
}
