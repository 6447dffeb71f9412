package org.physicsofai.atlas.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.detect.DetectAfterImport;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.UploadLimits;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/** The stores, the import and the MLflow store of the import crash test. */
final class ImportCrashData {

    static final String BASE = "http://localhost:8080/id/";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/crash-test", "crash test");

    /** Runs in the MLflow store, each logging these metrics over {@link #STEPS} steps. */
    static final int RUNS = 12;

    static final List<String> METRICS = List.of("train_loss", "val_loss", "train_accuracy", "val_accuracy");
    static final int STEPS = 5_000;

    private ImportCrashData() {}

    /** The stores of a data directory opened as the application opens them, start-up recovery included. */
    record Atlas(
            KnowledgeStore store,
            LuceneSearchIndex index,
            SeriesStore series,
            Importer importer,
            Importer.Recovery recovery,
            GrokkingDetection detection)
            implements AutoCloseable {

        @Override
        public void close() {
            index.close();
            series.close();
            store.close();
        }
    }

    static Atlas open(Path data, Path seed) throws IOException {
        KnowledgeStore store = new Tdb2KnowledgeStore(data.resolve("tdb2"), BASE);
        LuceneSearchIndex index = new LuceneSearchIndex(data.resolve("lucene"), store);
        SeriesStore series = new DuckDbSeriesStore(data.resolve("series/series.duckdb"));
        ContributionService contributions = new ContributionService(store);
        Graph observables = GraphFactory.createDefaultGraph();
        for (String file : List.of("observables.ttl", "phenomena.ttl")) {
            RDFParser.source(seed.resolve(file)).lang(Lang.TURTLE).parse(observables);
        }
        // The same content again stores nothing: only the first process adds it.
        store.submit(new NewContribution(
                observables, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
        Importer importer = new Importer(store, contributions, series, BASE, "atlas test", UploadLimits.DEFAULT);
        GrokkingDetection detection = new GrokkingDetection(store, contributions, series, BASE);
        importer.addListener(new DetectAfterImport(detection, GrokkingDetector.DEFAULT));
        Path temporary = data.resolve("imports/tmp");
        Files.createDirectories(temporary);
        importer.temporaryFolder(temporary);
        Importer.Recovery recovery = importer.recover();
        return new Atlas(store, index, series, importer, recovery, detection);
    }

    /** The value of a metric of a run at a step: runs grok (test accuracy rises long after training accuracy). */
    static double value(int run, String metric, int step) {
        double t = step / (double) STEPS;
        return switch (metric) {
            case "train_loss" -> Math.exp(-8 * t) + run * 1e-3;
            case "val_loss" -> Math.exp(-3 * t) + run * 1e-3;
            case "train_accuracy" -> Math.min(1.0, 0.1 + 9 * t);
            case "val_accuracy" -> t < 0.5 + run * 0.02 ? 0.1 : Math.min(1.0, 0.1 + 6 * (t - 0.5 - run * 0.02));
            default -> throw new IllegalArgumentException(metric);
        };
    }

    static String runId(int run) {
        return String.format("c0ffee%04d", run);
    }

    /** Writes the MLflow file store that every child imports. */
    static Path writeMlflow(Path root) throws IOException {
        Path store = root.resolve("mlruns");
        write(
                store.resolve("0/meta.yaml"),
                "artifact_location: mlruns/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: crash sweep\n");
        for (int r = 0; r < RUNS; r++) {
            String id = runId(r);
            Path run = store.resolve("0/" + id);
            write(
                    run.resolve("meta.yaml"),
                    "artifact_uri: mlruns/0/" + id + "/artifacts\nend_time: 1700000009000\nexperiment_id: '0'\n"
                            + "lifecycle_stage: active\nrun_id: " + id + "\nrun_name: crash-run-" + r + "\nrun_uuid: "
                            + id + "\nsource_type: 4\nstart_time: 1700000000000\nstatus: 3\ntags: []\n"
                            + "user_id: someone\n");
            write(run.resolve("params/seed"), Integer.toString(r));
            for (String metric : METRICS) {
                StringBuilder lines = new StringBuilder(STEPS * 32);
                for (int s = 0; s < STEPS; s++) {
                    lines.append(1700000000000L + s)
                            .append(' ')
                            .append(value(r, metric, s))
                            .append(' ')
                            .append(s)
                            .append('\n');
                }
                write(run.resolve("metrics/" + metric), lines.toString());
            }
        }
        return store;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
