package org.physicsofai.atlas.series;

/**
 * What the graph says about a series without holding its points.
 *
 * @param points how many points
 * @param firstStep the smallest step
 * @param lastStep the largest step
 * @param lowest the smallest value, not counting NaN ({@code NaN} when every value is NaN)
 * @param highest the largest value, not counting NaN ({@code NaN} when every value is NaN)
 * @param lastValue the value of the last point logged
 */
public record SeriesSummary(
        long points, long firstStep, long lastStep, double lowest, double highest, double lastValue) {

    public static SeriesSummary of(SeriesData data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("An empty series has no summary");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double lowest = Double.NaN;
        double highest = Double.NaN;
        for (int i = 0; i < data.size(); i++) {
            long step = data.steps()[i];
            first = Math.min(first, step);
            last = Math.max(last, step);
            double v = data.values()[i];
            if (!Double.isNaN(v)) {
                lowest = Double.isNaN(lowest) ? v : Math.min(lowest, v);
                highest = Double.isNaN(highest) ? v : Math.max(highest, v);
            }
        }
        return new SeriesSummary(data.size(), first, last, lowest, highest, data.values()[data.size() - 1]);
    }
}
