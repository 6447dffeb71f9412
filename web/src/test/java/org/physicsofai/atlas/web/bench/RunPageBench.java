package org.physicsofai.atlas.web.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The run-page benchmark of docs/benchmarks.md, run apart from the tests:
 *
 * <pre>java -cp ... org.physicsofai.atlas.web.bench.RunPageBench [series points iterations]</pre>
 *
 * <p>Starts the whole application on a random port over a fresh data directory with the seed, imports
 * one run with {@code series} synthetic series of {@code points} points each, then times the full HTTP
 * response of its run page (server time on localhost: request sent to last byte read) against two
 * baselines measured in the same loop, round robin: the run page of a seed run without series, and the
 * sign-in page (a trivial page of the same application).
 */
public final class RunPageBench {

    public static void main(String[] args) throws Exception {
        int seriesCount = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int points = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path data = Files.createTempDirectory("atlas-page-bench");
        System.out.printf(
                Locale.ROOT,
                "cores %d, heap %d MB, %d series x %d points, %d iterations%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                seriesCount,
                points,
                iterations);
        ConfigurableApplicationContext context = SpringApplication.run(
                AtlasApplication.class,
                "--server.port=0",
                "--atlas.data-dir=" + data,
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Path csv = generate(data.resolve("bench-input/page-bench.csv"), seriesCount, points);
            long t0 = System.nanoTime();
            ImportReport report = context.getBean(Importer.class)
                    .run(
                            new ImportRequest(
                                    List.of(ImportRequest.Source.of(csv)),
                                    ImportFormat.CSV,
                                    "page benchmark",
                                    new ObservableMapping(Map.of()),
                                    AgentRef.CURATORS,
                                    true),
                            ImportProgress.NONE);
            System.out.printf(
                    Locale.ROOT,
                    "import: %s, %d series, %d points in %.1f s%n",
                    report.outcome(),
                    report.series().size(),
                    report.points(),
                    (System.nanoTime() - t0) / 1e9);
            if (report.outcome() != ImportReport.Outcome.IMPORTED
                    || report.series().size() != seriesCount) {
                throw new IllegalStateException("The import failed:\n" + report.describe());
            }
            String run = report.runs().get(0);
            String seedRun = "https://w3id.org/physics-of-ai/id/run/liu2022eff-pd-lr00-wd01";
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + port;
            List<Target> targets = List.of(
                    new Target(
                            "run page, " + seriesCount + " x " + points + " points",
                            base + "/run?iri=" + q(run),
                            iterations),
                    new Target("run page, seed run without series", base + "/run?iri=" + q(seedRun), iterations),
                    new Target("sign-in page (trivial)", base + "/login", iterations));
            for (Target target : targets) {
                HttpResponse<String> first = get(http, target.url);
                if (first.statusCode() != 200) {
                    throw new IllegalStateException(target.url + " answered " + first.statusCode());
                }
                target.bytes = first.body().length();
            }
            if (count(get(http, targets.get(0).url).body(), "class=\"series\"") != seriesCount) {
                throw new IllegalStateException("The run page does not list every series");
            }
            int warmUp = Math.max(100, iterations / 5);
            for (int i = 0; i < warmUp; i++) {
                for (Target target : targets) {
                    get(http, target.url);
                }
            }
            for (int i = 0; i < iterations; i++) {
                for (Target target : targets) {
                    long start = System.nanoTime();
                    get(http, target.url);
                    target.times[i] = System.nanoTime() - start;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-44s %8s %8s %8s %8s %8s %8s %9s%n",
                    "page",
                    "bytes",
                    "min ms",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "max ms",
                    "IQR ms");
            for (Target target : targets) {
                long[] t = target.times.clone();
                Arrays.sort(t);
                System.out.printf(
                        Locale.ROOT,
                        "%-44s %8d %8.2f %8.2f %8.2f %8.2f %8.2f %9.2f%n",
                        target.name,
                        target.bytes,
                        t[0] / 1e6,
                        pct(t, 50),
                        pct(t, 95),
                        pct(t, 99),
                        t[t.length - 1] / 1e6,
                        pct(t, 75) - pct(t, 25));
            }
            long[] page = sorted(targets.get(0).times);
            long[] empty = sorted(targets.get(1).times);
            long[] trivial = sorted(targets.get(2).times);
            System.out.printf(
                    Locale.ROOT,
                    "p95 ratio: run page / run page without series = %.2f, run page / trivial page = %.2f%n",
                    pct(page, 95) / pct(empty, 95),
                    pct(page, 95) / pct(trivial, 95));
            System.out.printf(
                    Locale.ROOT, "p95 of the run page %s 200 ms%n", pct(page, 95) < 200 ? "is under" : "EXCEEDS");
        } finally {
            context.close();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    private static final class Target {
        final String name;
        final String url;
        final long[] times;
        int bytes;

        Target(String name, String url, int iterations) {
            this.name = name;
            this.url = url;
            this.times = new long[iterations];
        }
    }

    private static long[] sorted(long[] times) {
        long[] t = times.clone();
        Arrays.sort(t);
        return t;
    }

    private static double pct(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A CSV of one run: a step column and {@code series} metric columns of smooth noisy curves. */
    private static Path generate(Path file, int series, int points) throws Exception {
        Files.createDirectories(file.getParent());
        java.util.Random random = new java.util.Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            List<String> header = new ArrayList<>(List.of("step"));
            for (int s = 0; s < series; s++) {
                header.add((s % 2 == 0 ? "train" : "val") + "_metric_" + s);
            }
            out.write(String.join(",", header));
            out.write('\n');
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < points; i++) {
                row.setLength(0);
                row.append(i);
                for (int s = 0; s < series; s++) {
                    double value = Math.exp(-i / (points / (2.0 + s))) + 0.01 * random.nextGaussian();
                    row.append(',').append((float) value);
                }
                out.write(row.append('\n').toString());
            }
        }
        return file;
    }
}
