package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark suite's entry point: {@code Bench NAME [key=value...]}, run by the {@code bench}
 * Maven profile of this module (see docs/benchmarks.md). Every benchmark prints its report and
 * appends it to {@code results=...} (default {@code target/benchmarks/results.md}).
 */
public final class Bench {

    private static final String USAGE = """
            Benchmarks: generate, load, sparql, trace, pages, all (this module);
                        search, trace-view (graph-service), ingest (importers).
            Options: scale=ENTITIES (default 100000) reps=N rounds=N pairs=N clients=N requests=N
                     work=DIR results=FILE out=FILE (generate)""";

    private final Map<String, String> options;
    private final Path work;
    private final Path results;

    Bench(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(options.getOrDefault("work", "target/bench-work"));
        String file = options.getOrDefault("results", "target/benchmarks/results.md");
        this.results = file.isEmpty() ? null : Path.of(file);
    }

    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "help" : args[0];
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("Options are key=value, not '" + args[i] + "'.\n" + USAGE);
            }
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        new Bench(options).run(name);
        System.exit(0); // Thread pools of the baselines must not keep the JVM alive.
    }

    List<Report> run(String name) throws Exception {
        List<Report> reports = new ArrayList<>();
        FileSystemUtils.deleteRecursively(work); // left over if an earlier run was killed
        Files.createDirectories(work);
        try {
            switch (name) {
                case "generate" -> generate();
                case "load" -> reports.add(load());
                case "sparql", "pages" -> reports.addAll(app(name.equals("sparql"), name.equals("pages")));
                case "trace" -> reports.add(trace());
                case "all" -> {
                    reports.add(load());
                    reports.addAll(app(true, true));
                    reports.add(trace());
                }
                case "search", "trace-view", "ingest" ->
                    System.out.println(name + ": run by another module of the same build (docs/benchmarks.md).");
                case "help" -> System.out.println(USAGE);
                default -> throw new IllegalArgumentException("No benchmark '" + name + "'.\n" + USAGE);
            }
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
        reports.forEach(report -> report.publish(results));
        return reports;
    }

    private int scale() {
        return integer("scale", 100_000);
    }

    private int integer(String key, int otherwise) {
        return Integer.parseInt(
                options.getOrDefault(key, Integer.toString(otherwise)).replace("_", ""));
    }

    private void generate() throws IOException {
        Path out = Path.of(options.getOrDefault("out", "target/benchmarks/graph-" + scale() + ".nt"));
        SyntheticGraph graph = new SyntheticGraph(scale(), integer("seed", 42));
        long statements = graph.writeNTriples(out);
        System.out.printf(Locale.ROOT, "%s: %,d entities, %,d statements%n", out, graph.entities(), statements);
        Path logs = Path.of(options.getOrDefault("logs", "target/benchmarks/logs"));
        long points = SyntheticLogs.writeCsv(
                logs, integer("runs", 10), integer("metrics", 4), integer("steps", 10_000), integer("seed", 42));
        System.out.printf(Locale.ROOT, "%s: %,d points in CSV logs%n", logs, points);
    }

    Report load() throws IOException {
        return BulkLoadBench.run(work.resolve("load"), scale(), integer("reps", 3));
    }

    Report trace() throws IOException {
        return TraceBench.run(work.resolve("trace"), scale(), integer("pairs", 30), integer("rounds", 3));
    }

    List<Report> app(boolean sparql, boolean pages) throws Exception {
        Path data = work.resolve("app");
        Path file = work.resolve("graph-" + scale() + ".nt");
        new SyntheticGraph(scale(), 42).writeNTriples(file);
        List<Report> reports = new ArrayList<>();
        try (BenchApp app = new BenchApp(data.resolve("data"))) {
            app.load(file);
            app.awaitIdle();
            if (sparql) {
                reports.add(SparqlMixBench.run(app.url("/sparql"), file, data, scale(), integer("rounds", 10)));
            }
            if (pages) {
                reports.add(PageLoadBench.run(
                        app.url(""),
                        pages(app, data, scale()),
                        "/actuator/health",
                        integer("clients", 20),
                        integer("requests", 40),
                        integer("rounds", 3)));
            }
        }
        return reports;
    }

    /** The pages to request: entity, search, run (with curves imported from synthetic logs) and listing pages. */
    static Map<String, List<String>> pages(BenchApp app, Path work, int entities)
            throws IOException, InterruptedException {
        Path logs = work.resolve("logs");
        SyntheticLogs.writeCsv(logs, 4, 4, 10_000, 42);
        List<String> runs = new ArrayList<>();
        // One import of the folder: one contribution for every run, as a user would import a sweep.
        ImportReport report = app.bean(Importer.class)
                .run(
                        new ImportRequest(
                                List.of(ImportRequest.Source.of(logs)),
                                ImportFormat.CSV,
                                "benchmark logs",
                                ObservableMapping.builtIn(),
                                AgentRef.CURATORS,
                                true),
                        ImportProgress.NONE);
        runs.addAll(report.runs());
        SyntheticGraph graph = new SyntheticGraph(entities, 42);
        Map<String, List<String>> pages = new LinkedHashMap<>();
        List<String> entity = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (SyntheticGraph.Kind kind : List.of(
                    SyntheticGraph.Kind.CLAIM,
                    SyntheticGraph.Kind.PHENOMENON,
                    SyntheticGraph.Kind.EXPERIMENT,
                    SyntheticGraph.Kind.OBSERVATION)) {
                int n = (int) ((long) graph.count(kind) * i / 8);
                entity.add("/id/"
                        + SyntheticGraph.iri(kind, n).substring(SyntheticGraph.BASE.length() - "bench/".length()));
            }
            run.add("/run?iri="
                    + encode(
                            SyntheticGraph.iri(SyntheticGraph.Kind.RUN, graph.count(SyntheticGraph.Kind.RUN) * i / 8)));
        }
        runs.forEach(iri -> run.add("/run?iri=" + encode(iri)));
        pages.put("entity", entity);
        pages.put(
                "search",
                List.of(
                        "/search?q=grokking",
                        "/search?q=loss+plateau",
                        "/search?q=scal",
                        "/search?q=attention+sink",
                        "/search?q=claim",
                        "/search?q=experiment+on",
                        "/search?q=sharpnes",
                        "/search?q=run+12"));
        pages.put("run", run);
        pages.put("listing", List.of("/phenomena", "/claims", "/experiments", "/runs", "/sources", "/observables"));
        app.awaitIdle();
        return pages;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
