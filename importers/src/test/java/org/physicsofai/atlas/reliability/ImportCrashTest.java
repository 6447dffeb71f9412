package org.physicsofai.atlas.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.search.SearchHit;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;

/**
 * A child JVM importing an MLflow store (12 runs, 48 series, 240,000 points), accepted at once and
 * followed by the grokking detector, into TDB2 and DuckDB with the search index following the store, is
 * killed with SIGKILL at 20 moments: 16 spread over the import up to the knowledge store's commit, 4
 * after it (while the series are published and the detector runs). Every time, the stores opened again
 * as at start-up (which completes or rolls back the interrupted import) must hold the import wholly (the
 * contribution accepted, every series with every point, the detector's result for every run, the search
 * index agreeing with one rebuilt from the store) or not at all (no contribution, no point, no staged
 * point, nothing in the index), and an unpacked-archive folder left in the data directory's temporary
 * folder is no concern of the stores (the application empties that folder at start-up).
 */
@Tag("reliability")
class ImportCrashTest {

    private static final int KILLS_DURING_IMPORT = 16;
    /** Kills after the commit, as fractions of the time from the commit to the end of the import. */
    private static final double[] KILLS_AFTER_COMMIT = {0.0, 0.1, 0.4, 0.8};

    private static final long MARKER_TIMEOUT_SECONDS = 180;
    private static final Path SEED = Path.of("../seed-data/knowledge").toAbsolutePath();

    @TempDir
    Path temp;

    private Path mlruns;

    private enum Outcome {
        PRESENT,
        ABSENT
    }

    @Test
    void aKilledImportLeavesItWhollyPresentOrWhollyAbsentInEveryStore() throws Exception {
        mlruns = ImportCrashData.writeMlflow(temp.resolve("source"));

        // A run to its end measures how long the import takes on this machine.
        Path calibration = temp.resolve("calibration");
        ChildJvm complete = child(calibration, mlruns);
        complete.await(ImportCrashChild.IMPORTING);
        long start = System.nanoTime();
        complete.await(ImportCrashChild.ACCEPTED);
        long acceptedMillis = (System.nanoTime() - start) / 1_000_000;
        String imported = complete.await(ImportCrashChild.IMPORTED);
        assertThat(imported).endsWith("IMPORTED");
        long importMillis = (System.nanoTime() - start) / 1_000_000;
        complete.await(ImportCrashChild.CLOSED);
        assertThat(complete.process().waitFor(MARKER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isTrue();
        assertThat(complete.process().exitValue()).isZero();
        assertThat(recover("calibration", calibration).outcome()).isEqualTo(Outcome.PRESENT);

        List<Recovered> recovered = new ArrayList<>();
        for (int k = 0; k < KILLS_DURING_IMPORT; k++) {
            long delay = acceptedMillis * k / (KILLS_DURING_IMPORT - 1);
            recovered.add(killAndRecover("during-" + k, ImportCrashChild.IMPORTING, delay));
        }
        for (double fraction : KILLS_AFTER_COMMIT) {
            long delay = Math.round((importMillis - acceptedMillis) * fraction);
            recovered.add(killAndRecover("after-" + delay, ImportCrashChild.ACCEPTED, delay));
        }

        List<Outcome> outcomes = recovered.stream().map(Recovered::outcome).toList();
        System.out.printf(
                "Import of %d points took %d ms to the commit, %d ms with the detector; outcomes of the 20 kills: %s;"
                        + " start-up published %d, discarded %d, ran the detector again for %d%n",
                ImportCrashData.RUNS * ImportCrashData.METRICS.size() * ImportCrashData.STEPS,
                acceptedMillis,
                importMillis,
                outcomes,
                recovered.stream().filter(r -> r.published).count(),
                recovered.stream().filter(r -> r.discarded).count(),
                recovered.stream().filter(r -> r.resumed).count());
        assertThat(outcomes).hasSize(20).contains(Outcome.ABSENT, Outcome.PRESENT);
        assertThat(outcomes.subList(KILLS_DURING_IMPORT, outcomes.size())).containsOnly(Outcome.PRESENT);
        // Start-up did repair work in some of the kills: the journal is what made them whole.
        assertThat(recovered).anyMatch(r -> r.discarded || r.published || r.resumed);
    }

    private Recovered killAndRecover(String name, String marker, long delayMillis) throws Exception {
        long start = System.nanoTime();
        Path data = temp.resolve(name);
        ChildJvm child = child(data, mlruns);
        child.await(marker);
        Thread.sleep(delayMillis);
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(MARKER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isTrue();
        assertThat(child.process().exitValue()).as("%s: exit status", name).isIn(137, 0);
        long killed = System.nanoTime();
        Recovered recovered = recover(name, data);
        System.out.printf(
                "Killed %d ms after %s: %s (child %d ms, recovery and checks %d ms)%n",
                delayMillis, marker, recovered, (killed - start) / 1_000_000, (System.nanoTime() - killed) / 1_000_000);
        return recovered;
    }

    /** What start-up found and did, and what the stores then hold. */
    private record Recovered(Outcome outcome, boolean published, boolean discarded, boolean resumed) {}

    /** Opens the stores as at start-up and checks that they agree on one of the two allowed states. */
    private Recovered recover(String name, Path data) throws IOException {
        try (ImportCrashData.Atlas atlas = ImportCrashData.open(data, SEED)) {
            List<ContributionRecord> imports =
                    atlas.store().contributions(new ContributionFilter(null, ContributionMethod.IMPORT, null, 10));
            assertThat(imports).as("%s: import contributions", name).hasSizeLessThanOrEqualTo(1);
            Outcome outcome = imports.isEmpty() ? Outcome.ABSENT : Outcome.PRESENT;
            assertThat(atlas.series().staged())
                    .as("%s: the journal after start-up", name)
                    .isEmpty();
            List<ContributionRecord> detections = atlas.store()
                    .contributions(new ContributionFilter(
                            ContributionStatus.ACCEPTED, ContributionMethod.DETECTOR, null, 100));
            if (outcome == Outcome.PRESENT) {
                ContributionRecord record = imports.get(0);
                assertThat(record.status()).as("%s: the import's status", name).isEqualTo(ContributionStatus.ACCEPTED);
                Graph graph = atlas.store().assertions(record.iri());
                assertThat(graph.find(Node.ANY, RDF.type.asNode(), Atlas.Run.asNode())
                                .toList())
                        .as("%s: runs", name)
                        .hasSize(ImportCrashData.RUNS);
                Map<String, Long> counted = new HashMap<>();
                graph.find(Node.ANY, Atlas.pointCount.asNode(), Node.ANY)
                        .forEachRemaining(t -> counted.put(
                                t.getSubject().getURI(), ((Number) t.getObject().getLiteralValue()).longValue()));
                assertThat(counted).as("%s: series the statements claim", name).hasSize(runsTimesMetrics());
                // Every series the statements claim has every point, and the store holds no other.
                assertThat(atlas.series().seriesIris())
                        .as("%s: series stored", name)
                        .containsExactlyInAnyOrderElementsOf(counted.keySet());
                for (int r = 0; r < ImportCrashData.RUNS; r++) {
                    for (String metric : ImportCrashData.METRICS) {
                        String iri = ImportCrashData.BASE + "series/mlflow-" + ImportCrashData.runId(r) + "--" + metric;
                        SeriesData points = atlas.series()
                                .points(iri)
                                .orElseThrow(() -> new AssertionError(name + ": no points for " + iri));
                        assertThat((long) points.size())
                                .isEqualTo(counted.get(iri))
                                .isEqualTo(ImportCrashData.STEPS);
                        for (int s = 0; s < points.size(); s += 997) {
                            assertThat(points.value(s)).isEqualTo(ImportCrashData.value(r, metric, s));
                        }
                        assertThat(points.value(points.size() - 1))
                                .isEqualTo(ImportCrashData.value(r, metric, ImportCrashData.STEPS - 1));
                    }
                }
                assertThat(detections)
                        .as("%s: the detector's result for every run", name)
                        .hasSize(ImportCrashData.RUNS);
            } else {
                assertThat(atlas.series().seriesIris())
                        .as("%s: series stored", name)
                        .isEmpty();
                assertThat(detections).as("%s: detector results", name).isEmpty();
            }
            // The index as the application opens it agrees with one rebuilt from the store.
            try (LuceneSearchIndex rebuilt = new LuceneSearchIndex(data.resolve("lucene-rebuilt"), atlas.store())) {
                assertThat(atlas.index().size())
                        .as("%s: entities in the index", name)
                        .isEqualTo(rebuilt.size());
                for (String text : List.of("crash-run-3", "crash sweep", "grokking", "accuracy")) {
                    assertThat(atlas.index().search(SearchQuery.of(text)).total())
                            .as("%s: hits for '%s'", name, text)
                            .isEqualTo(rebuilt.search(SearchQuery.of(text)).total());
                }
                assertThat(atlas.index().search(SearchQuery.of("crash-run-3")).hits().stream()
                                .map(SearchHit::iri)
                                .anyMatch((ImportCrashData.BASE + "run/mlflow-" + ImportCrashData.runId(3))::equals))
                        .as("%s: the import's run found", name)
                        .isEqualTo(outcome == Outcome.PRESENT);
            }
            return new Recovered(
                    outcome,
                    !atlas.recovery().published().isEmpty(),
                    !atlas.recovery().discarded().isEmpty(),
                    !atlas.recovery().resumed().isEmpty());
        }
    }

    private static int runsTimesMetrics() {
        return ImportCrashData.RUNS * ImportCrashData.METRICS.size();
    }

    /** A child JVM importing the MLflow store into the data directory, announcing each step. */
    private static ChildJvm child(Path data, Path mlruns) throws IOException {
        return ChildJvm.start(
                "512m",
                MARKER_TIMEOUT_SECONDS,
                ImportCrashChild.class,
                data.toString(),
                mlruns.toString(),
                SEED.toString());
    }
}
