package org.physicsofai.atlas.web.curves;

import java.util.List;
import org.physicsofai.atlas.series.SeriesData;

/**
 * What the compare table shows for one series: the value at a chosen step (the last point logged at
 * or before it), the lowest, the highest and the last value. NaN values are left out of min and max;
 * a missing number is {@code null}.
 */
public record MetricStats(Double at, Double min, Double max, Double last) {

    static MetricStats of(SeriesData data, long step) {
        Double at = null;
        Double min = null;
        Double max = null;
        Double last = null;
        long atStep = Long.MIN_VALUE;
        for (int i = 0; i < data.size(); i++) {
            double v = data.value(i);
            long s = data.step(i);
            if (s <= step && s >= atStep) {
                atStep = s;
                at = v;
            }
            last = v;
            if (Double.isNaN(v)) {
                continue;
            }
            min = min == null ? v : Math.min(min, v);
            max = max == null ? v : Math.max(max, v);
        }
        return new MetricStats(at, min, max, last);
    }

    /** The mean and the sample standard deviation of the numbers present, or null when there are none. */
    public record Spread(Double mean, Double sd, int n) {

        static Spread of(List<Double> values) {
            List<Double> present =
                    values.stream().filter(v -> v != null && Double.isFinite(v)).toList();
            int n = present.size();
            if (n == 0) {
                return new Spread(null, null, 0);
            }
            double mean = present.stream().mapToDouble(Double::doubleValue).sum() / n;
            if (n == 1) {
                return new Spread(mean, null, 1);
            }
            double squares =
                    present.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Spread(mean, Math.sqrt(squares / (n - 1)), n);
        }
    }
}
