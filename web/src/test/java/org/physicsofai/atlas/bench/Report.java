package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one benchmark measured: the Atlas figure and the baseline's, measured in the same run, their
 * ratio against the goal, with the spread over repetitions, the machine and the date.
 */
public final class Report {

    /**
     * One comparison.
     *
     * @param what what is compared, such as "p95 latency of traces at 4 hops"
     * @param unit "ms" or "statements/s"...
     * @param atlas the Atlas's figure per repetition
     * @param baseline the baseline's figure per repetition, paired with the Atlas's
     * @param goal the goal on the ratio atlas / baseline, such as "<= 1.1", or empty
     * @param higherIsBetter whether a larger figure is better (throughput) or worse (latency)
     */
    public record Row(
            String what,
            String unit,
            Samples atlas,
            Samples baseline,
            String goal,
            double limit,
            boolean higherIsBetter) {

        /** The ratio of the medians over repetitions, Atlas / baseline. */
        public double ratio() {
            return atlas.median() / baseline.median();
        }

        public boolean met() {
            return higherIsBetter ? ratio() >= limit : ratio() <= limit;
        }
    }

    private final String benchmark;
    private final String baselineName;
    private final String scale;
    private final Instant started = Instant.now();
    private final double loadBefore = load();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String benchmark, String baselineName, String scale) {
        this.benchmark = benchmark;
        this.baselineName = baselineName;
        this.scale = scale;
    }

    public Report row(Row row) {
        rows.add(row);
        return this;
    }

    public Report note(String note) {
        notes.add(note);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(
                Locale.ROOT,
                "%d cores, %.0f GiB RAM, heap %.1f GiB, Java %s",
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (double) (1L << 30),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30),
                Runtime.version());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(benchmark).append("\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Date %s; machine: %s; load average %.2f before, %.2f after; scale: %s; baseline: %s.%n%n",
                started.truncatedTo(ChronoUnit.SECONDS),
                machine(),
                loadBefore,
                load(),
                scale,
                baselineName));
        out.append("| measurement | Atlas median (min-max) | baseline median (min-max) | ratio | goal | met? |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s %s (%s-%s) | %s %s (%s-%s) | %.2f | %s | %s |%n",
                    row.what(),
                    fmt(row.atlas().median()),
                    row.unit(),
                    fmt(row.atlas().min()),
                    fmt(row.atlas().max()),
                    fmt(row.baseline().median()),
                    row.unit(),
                    fmt(row.baseline().min()),
                    fmt(row.baseline().max()),
                    row.ratio(),
                    row.goal().isEmpty() ? "" : "ratio " + row.goal(),
                    row.goal().isEmpty() ? "" : (row.met() ? "yes" : "**no**")));
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    static String fmt(double value) {
        if (value >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Prints the report and appends it to the results file, if one is given. */
    public void publish(Path resultsFile) {
        String text = markdown();
        System.out.println();
        System.out.println(text);
        if (resultsFile != null) {
            try {
                Files.createDirectories(resultsFile.toAbsolutePath().getParent());
                Files.writeString(resultsFile, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
