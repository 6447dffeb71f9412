package org.physicsofai.atlas.importers.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.UploadLimits;
import org.physicsofai.atlas.importers.mlflow.MlflowReader;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * The import and plot benchmark of docs/benchmarks.md, run apart from the tests:
 *
 * <pre>java -cp ... org.physicsofai.atlas.importers.bench.ImportBench [runs metrics steps] [work folder]</pre>
 *
 * <p>1. Ingest: a synthetic MLflow store imported end to end (TDB2 and DuckDB on disk), against the
 * baseline of only reading and parsing the same store. 2. Plots: a 1M-point series downsampled to
 * 1,000 points in the same store, against the baseline of reading it at full resolution.
 */
public final class ImportBench {

    private static final String BASE = "http://localhost:8080/id/";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 2 ? Integer.parseInt(args[0]) : 1000;
        int metrics = args.length > 2 ? Integer.parseInt(args[1]) : 10;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path work = args.length == 1 || args.length == 4
                ? Path.of(args[args.length - 1])
                : Files.createTempDirectory("atlas-bench");
        System.out.printf(
                Locale.ROOT,
                "cores %d, heap %d MB%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Path store = generate(work.resolve("mlruns"), runs, metrics, steps);
        long points = (long) runs * metrics * steps;

        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        ReadContext context = new ReadContext(store, "mlruns");
        new MlflowReader().read(store, context);
        double parse = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "baseline: read and parse %d points in %.2f s = %.0f points/s (%d runs); CPU time %.2f s%n",
                points,
                parse,
                points / parse,
                context.runs().size(),
                (processCpuNanos() - cpu0) / 1e9);
        context.problems().stream().limit(3).forEach(p -> System.out.println("problem: " + p));
        context = null;

        // The first import runs in a JVM that has compiled only the reading code (as a command-line
        // import does); the second, into new stores, in a JVM that has run one import (as a server does).
        measure(work.resolve("data-first"), store, "import, first in this JVM", parse, false);
        measure(work.resolve("data"), store, "import, second (new stores)", parse, true);
        if (args.length != 1 && args.length != 4) {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Imports the store into new stores under {@code data}; then, if {@code more}, re-imports it and plots. */
    private static void measure(Path data, Path store, String label, double parse, boolean more) throws Exception {
        try (Tdb2KnowledgeStore knowledge = new Tdb2KnowledgeStore(data.resolve("tdb2"), BASE);
                SeriesStore series = new DuckDbSeriesStore(data.resolve("series/series.duckdb"))) {
            // The curated observables the built-in synonyms map to, as the seed provides them.
            org.apache.jena.graph.Graph observables = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            org.apache.jena.riot.RDFParser.source(Path.of("seed-data/knowledge/observables.ttl"))
                    .lang(org.apache.jena.riot.Lang.TURTLE)
                    .parse(observables);
            knowledge.submit(new org.physicsofai.atlas.store.NewContribution(
                    observables,
                    org.physicsofai.atlas.store.ContributionMethod.SEED,
                    AgentRef.CURATORS,
                    null,
                    null,
                    null,
                    List.of(),
                    true));
            Importer importer = new Importer(
                    knowledge, new ContributionService(knowledge), series, BASE, "bench", UploadLimits.DEFAULT);
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            ImportReport report = importer.run(
                    new ImportRequest(
                            List.of(new ImportRequest.Source(store, "mlruns")),
                            null,
                            null,
                            ObservableMapping.builtIn(),
                            new AgentRef(BASE + "agent/bench", "bench"),
                            true),
                    phases(t1));
            double imported = (System.nanoTime() - t1) / 1e9;
            double importCpu = (processCpuNanos() - cpu1) / 1e9;
            report.problems().stream().limit(3).forEach(p -> System.out.println("problem: " + p));
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s, %d points in %.2f s = %.0f points/s; ratio to baseline %.2f; CPU time %.2f s"
                            + " (all threads; compare runs on a loaded machine by this)%n",
                    label,
                    report.outcome(),
                    report.points(),
                    imported,
                    report.points() / imported,
                    imported / parse,
                    importCpu);
            if (!more) {
                return;
            }

            long t2 = System.nanoTime();
            ImportReport again = importer.run(
                    new ImportRequest(
                            List.of(new ImportRequest.Source(store, "mlruns")),
                            null,
                            null,
                            ObservableMapping.builtIn(),
                            new AgentRef(BASE + "agent/bench", "bench"),
                            true),
                    ImportProgress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "re-import: %s, %d new points in %.2f s%n",
                    again.outcome(),
                    again.newPoints(),
                    (System.nanoTime() - t2) / 1e9);

            // The plotted series sits in the same store as the imported points.
            String iri = BASE + "series/bench-1m";
            SeriesData.Builder b = new SeriesData.Builder(1_000_000);
            for (int i = 0; i < 1_000_000; i++) {
                b.add(i, Math.sin(i / 5000.0) + 0.1 * Math.sin(i * 0.37), 1.7e9 + i);
            }
            try (SeriesWrite w = series.begin()) {
                w.put(iri, b.build());
                w.commit();
            }
            double[] full = time(30, () -> series.points(iri).orElseThrow());
            double[] plot = time(
                    300, () -> series.downsample(iri, 1000, List.of(123_456L)).orElseThrow());
            System.out.printf(
                    Locale.ROOT, "baseline: full read of 1M points p50 %.1f ms, p95 %.1f ms%n", full[0], full[1]);
            System.out.printf(
                    Locale.ROOT,
                    "plot: 1M points to <= 1000 p50 %.2f ms, p95 %.2f ms; p95 ratio to baseline %.4f%n",
                    plot[0],
                    plot[1],
                    plot[1] / full[1]);
        }
    }

    /** Prints when each phase of the import starts, and the CPU time used so far, to show where the time goes. */
    private static ImportProgress phases(long start) {
        String[] current = {""};
        long cpu = processCpuNanos();
        return (phase, done, total) -> {
            if (!phase.equals(current[0])) {
                current[0] = phase;
                System.out.printf(
                        Locale.ROOT,
                        "  %6.2f s (CPU %5.2f s): %s%n",
                        (System.nanoTime() - start) / 1e9,
                        (processCpuNanos() - cpu) / 1e9,
                        phase);
            }
        };
    }

    /** The CPU time of this process, all threads (the JVM's and DuckDB's) together. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double[] time(int repetitions, Runnable work) {
        for (int i = 0; i < 10; i++) {
            work.run();
        }
        double[] ms = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[repetitions / 2], ms[(int) Math.ceil(repetitions * 0.95) - 1]};
    }

    private static Path generate(Path mlruns, int runs, int metrics, int steps) throws IOException {
        Files.createDirectories(mlruns.resolve("1"));
        Files.writeString(
                mlruns.resolve("1/meta.yaml"),
                "artifact_location: file:///bench/mlruns/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: bench\n");
        IntStream.range(0, runs).parallel().forEach(r -> {
            try {
                // A leading letter: an id of digits and one "e" would read as a YAML number.
                String id = String.format(Locale.ROOT, "a%031x", r + 1);
                Path run = mlruns.resolve("1").resolve(id);
                Files.createDirectories(run.resolve("metrics"));
                Files.createDirectories(run.resolve("params"));
                Files.writeString(
                        run.resolve("meta.yaml"),
                        "artifact_uri: file:///bench/mlruns/1/" + id
                                + "/artifacts\nend_time: 1700000999000\nexperiment_id: '1'\nlifecycle_stage: active\nrun_id: "
                                + id + "\nrun_uuid: " + id
                                + "\nsource_type: 4\nstart_time: 1700000000000\nstatus: 3\ntags: []\n");
                Files.writeString(run.resolve("params/weight_decay"), Double.toString(r / 100.0));
                Files.writeString(run.resolve("params/lr"), "0.001");
                for (int m = 0; m < metrics; m++) {
                    String key = m == 0 ? "train_loss" : m == 1 ? "val_accuracy" : "metric_" + m;
                    try (BufferedWriter out =
                            Files.newBufferedWriter(run.resolve("metrics").resolve(key), StandardCharsets.US_ASCII)) {
                        for (int s = 0; s < steps; s++) {
                            out.write(Long.toString(1700000000000L + s * 100L));
                            out.write(' ');
                            out.write(Double.toString(Math.exp(-s / (200.0 + r)) + m * 0.01));
                            out.write(' ');
                            out.write(Integer.toString(s));
                            out.write('\n');
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return mlruns;
    }
}
