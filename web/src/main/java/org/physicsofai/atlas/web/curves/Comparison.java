package org.physicsofai.atlas.web.curves;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.physicsofai.atlas.series.SeriesService;

/**
 * Runs side by side: the configuration keys whose values differ, and per metric key a table of the
 * value at a step, min, max and last per run, with their mean and spread when the runs differ only
 * by seed.
 */
public record Comparison(
        List<RunCurves.RunView> runs,
        List<ConfigRow> differing,
        boolean seedsOnly,
        long step,
        List<MetricTable> metrics) {

    /** One configuration key and its value in each run (null where a run has none). */
    public record ConfigRow(String key, List<String> values) {}

    /** One run's numbers for a metric; {@code series} null when the run did not log it. */
    public record Row(RunCurves.RunView run, RunCurves.SeriesView series, MetricStats stats) {}

    /** One metric key across the runs, with the spread of each column when the runs differ only by seed. */
    public record MetricTable(
            String metricKey,
            String family,
            List<Row> rows,
            MetricStats.Spread at,
            MetricStats.Spread min,
            MetricStats.Spread max,
            MetricStats.Spread last) {}

    /**
     * @param step the step for the "value at step" column, or null for the last step all the runs
     *     reached
     */
    static Comparison of(List<RunCurves.RunView> runs, Long step, SeriesService points) {
        Set<String> keys = new TreeSet<>();
        runs.forEach(r -> r.config().forEach(c -> keys.add(c.key())));
        List<ConfigRow> differing = new ArrayList<>();
        for (String key : keys) {
            List<String> values = runs.stream()
                    .map(r -> r.config().stream()
                            .filter(c -> c.key().equals(key))
                            .map(RunCurves.ConfigEntry::value)
                            .findFirst()
                            .orElse(null))
                    .toList();
            if (new LinkedHashSet<>(values).size() > 1) {
                differing.add(new ConfigRow(key, new ArrayList<>(values)));
            }
        }
        boolean seedsOnly = runs.size() > 1
                && !differing.isEmpty()
                && differing.stream()
                        .allMatch(r -> r.key().toLowerCase(Locale.ROOT).contains("seed"));
        long chosen = step != null ? step : commonLastStep(runs);
        Map<String, String> families = new LinkedHashMap<>();
        runs.forEach(r -> r.series().forEach(s -> families.putIfAbsent(s.metricKey(), s.family())));
        List<MetricTable> metrics = new ArrayList<>();
        for (var metric : families.entrySet()) {
            List<Row> rows = new ArrayList<>();
            for (RunCurves.RunView run : runs) {
                RunCurves.SeriesView series = run.series().stream()
                        .filter(s -> s.metricKey().equals(metric.getKey()))
                        .findFirst()
                        .orElse(null);
                MetricStats stats = series == null
                        ? null
                        : points.read(series.iri(), null)
                                .map(d -> MetricStats.of(d, chosen))
                                .orElse(null);
                rows.add(new Row(run, series, stats));
            }
            List<MetricStats> present =
                    rows.stream().map(Row::stats).filter(Objects::nonNull).toList();
            boolean spread = seedsOnly && present.size() > 1;
            metrics.add(new MetricTable(
                    metric.getKey(),
                    metric.getValue(),
                    rows,
                    spread
                            ? MetricStats.Spread.of(
                                    present.stream().map(MetricStats::at).toList())
                            : null,
                    spread
                            ? MetricStats.Spread.of(
                                    present.stream().map(MetricStats::min).toList())
                            : null,
                    spread
                            ? MetricStats.Spread.of(
                                    present.stream().map(MetricStats::max).toList())
                            : null,
                    spread
                            ? MetricStats.Spread.of(
                                    present.stream().map(MetricStats::last).toList())
                            : null));
        }
        return new Comparison(List.copyOf(runs), differing, seedsOnly, chosen, metrics);
    }

    /** The lowest of the runs' last steps: a step every run with series reached. */
    private static long commonLastStep(List<RunCurves.RunView> runs) {
        long common = Long.MAX_VALUE;
        for (RunCurves.RunView run : runs) {
            long last = Long.MIN_VALUE;
            for (RunCurves.SeriesView s : run.series()) {
                if (s.lastStep() != null) {
                    last = Math.max(last, Long.parseLong(s.lastStep()));
                }
            }
            if (last != Long.MIN_VALUE) {
                common = Math.min(common, last);
            }
        }
        return common == Long.MAX_VALUE ? 0 : common;
    }

    /** A number for the table: six significant digits, "NaN" or "–" when missing. */
    public String fmt(Double v) {
        return NumberFormat.format(v);
    }

    /** The series of all the runs by family, for one overlaid chart per family. */
    public Map<String, List<Row>> families() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (MetricTable m : metrics) {
            for (Row r : m.rows()) {
                if (r.series() != null) {
                    out.computeIfAbsent(m.family(), f -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }
}
