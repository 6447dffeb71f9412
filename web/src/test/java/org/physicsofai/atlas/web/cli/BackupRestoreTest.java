package org.physicsofai.atlas.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.importers.AtlasState;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.search.SearchHit;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.search.SearchResults;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * {@code dump --backup} and {@code restore} through the launcher over real data directories: the
 * restored directory holds the same quads, the same points and answers searches the same way.
 */
class BackupRestoreTest {

    private static final String BASE = "http://localhost:8080/id/";

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(Path data, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--atlas.data-dir=" + data;
        System.arraycopy(args, 0, all, 1, args.length);
        out.reset();
        err.reset();
        return CommandLauncher.launch(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aRestoredBackupHoldsTheSameQuadsPointsAndSearchResults() throws Exception {
        Path original = directory.resolve("original");
        Path log = directory.resolve("grokking-run.csv");
        StringBuilder csv = new StringBuilder("step,train_loss,val_accuracy\n");
        for (int step = 0; step < 500; step++) {
            csv.append(step)
                    .append(',')
                    .append(Math.exp(-step / 50.0))
                    .append(',')
                    .append(step < 300 ? 0.1 : 0.99);
            csv.append('\n');
        }
        Files.writeString(log, csv.toString());
        assertThat(launch(original, "import", "--experiment", "Backup check", log.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        Path backup = directory.resolve("backup");

        assertThat(launch(original, "dump", "--backup", backup.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        Path restored = directory.resolve("restored");
        assertThat(launch(restored, "restore", backup.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();

        assertThat(Files.list(backup).map(p -> p.getFileName().toString()))
                .contains("knowledge.trig.gz", "series.tsv.gz", "manifest.properties");
        assertThat(String.join("\n", Files.readAllLines(backup.resolve("manifest.properties"))))
                .contains("series=2", "points=1000");
        try (Tdb2KnowledgeStore a = new Tdb2KnowledgeStore(original.resolve("tdb2"), BASE);
                Tdb2KnowledgeStore b = new Tdb2KnowledgeStore(restored.resolve("tdb2"), BASE)) {
            List<String> quads = AtlasState.sortedQuads(a);
            assertThat(quads).hasSizeGreaterThan(1000);
            assertThat(AtlasState.sortedQuads(b)).isEqualTo(quads);
            try (LuceneSearchIndex ia = new LuceneSearchIndex(original.resolve("lucene"), a);
                    LuceneSearchIndex ib = new LuceneSearchIndex(restored.resolve("lucene"), b)) {
                assertThat(ib.size()).isEqualTo(ia.size()).isPositive();
                List<String> queries = List.of("grokking", "loss", "Backup check", "scaling law", "accuracy");
                for (String text : queries) {
                    assertThat(ib.search(new SearchQuery(text, null, 20, 0, "en"))
                                    .total())
                            .as(text)
                            .isEqualTo(ia.search(new SearchQuery(text, null, 20, 0, "en"))
                                    .total());
                }
                // The original index grew change by change (its statistics still count replaced documents), so
                // its scores differ slightly from an index built in one go. Rebuilt from the original store, both
                // give the same hits with the same scores; hits of equal score are compared in IRI order.
                ia.rebuild();
                for (String text : queries) {
                    assertThat(ranked(ib.search(new SearchQuery(text, null, 100, 0, "en"))))
                            .as(text)
                            .isNotEmpty()
                            .isEqualTo(ranked(ia.search(new SearchQuery(text, null, 100, 0, "en"))));
                }
            }
        }
        try (DuckDbSeriesStore a = new DuckDbSeriesStore(original.resolve("series/series.duckdb"));
                DuckDbSeriesStore b = new DuckDbSeriesStore(restored.resolve("series/series.duckdb"))) {
            assertThat(points(b)).isEqualTo(points(a)).hasSize(2);
        }
    }

    @Test
    void restoreRefusesADataDirectoryThatIsNotEmptyAndChangesNothing() throws Exception {
        Path original = directory.resolve("original");
        Path backup = directory.resolve("backup");
        assertThat(launch(original, "dump", "--backup", backup.toString())).isZero();
        Path busy = directory.resolve("busy");
        Files.createDirectories(busy);
        Files.writeString(busy.resolve("notes.txt"), "keep me");

        int status = launch(busy, "restore", backup.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not empty", busy.toString());
        assertThat(Files.list(busy)).hasSize(1);
        assertThat(launch(busy, "dump", "--backup", backup.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("backup folder", "is not empty");
    }

    @Test
    void restoreRefusesATamperedBackupAndLeavesTheDirectoryEmpty() throws Exception {
        Path original = directory.resolve("original");
        Path backup = directory.resolve("backup");
        assertThat(launch(original, "dump", "--backup", backup.toString())).isZero();
        byte[] trig = Files.readAllBytes(backup.resolve("knowledge.trig.gz"));
        trig[trig.length / 2] ^= 0x20;
        Files.write(backup.resolve("knowledge.trig.gz"), trig);
        Path target = directory.resolve("target");

        int status = launch(target, "restore", backup.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("knowledge.trig.gz", "checksum");
        assertThat(Files.exists(target) ? Files.list(target).count() : 0).isZero();
    }

    /**
     * The hits as "score iri", best first and equal scores in IRI order; when the answer was cut, hits
     * with the lowest score shown are left out (which of them made the cut is arbitrary).
     */
    private static List<String> ranked(SearchResults results) {
        List<SearchHit> hits = new ArrayList<>(results.hits());
        if (results.total() > hits.size() && !hits.isEmpty()) {
            float lowest = hits.getLast().score();
            hits.removeIf(h -> h.score() == lowest);
        }
        hits.sort(java.util.Comparator.comparing((SearchHit h) -> -h.score()).thenComparing(SearchHit::iri));
        return hits.stream().map(h -> h.score() + " " + h.iri()).toList();
    }

    private static Map<String, List<Double>> points(DuckDbSeriesStore store) {
        Map<String, List<Double>> all = new TreeMap<>();
        for (String iri : store.seriesIris()) {
            SeriesData data = store.points(iri).orElseThrow();
            List<Double> flat = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                flat.add((double) data.steps()[i]);
                flat.add(data.values()[i]);
                flat.add(data.wallTimes()[i]);
            }
            all.put(iri, flat);
        }
        return all;
    }
}
