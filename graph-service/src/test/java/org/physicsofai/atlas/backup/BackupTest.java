package org.physicsofai.atlas.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/** A backup restored into empty stores gives back every quad, blank nodes included, and every point. */
class BackupTest {

    private static final String BASE = "http://localhost:8080/id/";

    @TempDir
    Path directory;

    @Test
    void aBackupRestoresEveryQuadWithItsBlankNodesAndEveryPointBitForBit() throws Exception {
        Path backup = directory.resolve("backup");
        List<String> quads;
        Map<String, SeriesData> points = new TreeMap<>();
        try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("a/tdb2"), BASE);
                DuckDbSeriesStore series = new DuckDbSeriesStore(directory.resolve("a/series.duckdb"))) {
            Graph graph = GraphFactory.createDefaultGraph();
            Node subject = NodeFactory.createURI(BASE + "phenomenon/backup");
            Node blank = NodeFactory.createBlankNode();
            graph.add(subject, NodeFactory.createURI("http://example.org/p"), blank);
            graph.add(
                    blank,
                    NodeFactory.createURI("http://example.org/q"),
                    NodeFactory.createLiteralLang("tab\there \"quoted\" 中文", "zh"));
            graph.add(
                    subject,
                    NodeFactory.createURI("http://example.org/r"),
                    NodeFactory.createLiteralString("line\nbreak"));
            store.submit(new NewContribution(
                    graph, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
            Graph pending = GraphFactory.createDefaultGraph();
            pending.add(subject, NodeFactory.createURI("http://example.org/s"), NodeFactory.createBlankNode());
            store.submit(new NewContribution(
                    pending, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), false));
            try (SeriesWrite write = series.begin()) {
                write.put(BASE + "series/a", series(1000, 0));
                write.put(BASE + "series/b", series(3, 7));
                write.commit();
            }
            quads = sorted(store);
            for (String iri : series.seriesIris()) {
                points.put(iri, series.points(iri).orElseThrow());
            }

            Backup.Manifest written = Backup.write(store, series, backup);

            assertThat(written.series()).isEqualTo(2);
            assertThat(written.points()).isEqualTo(1003);
            assertThat(written.quads()).isEqualTo(quads.size());
            assertThatThrownBy(() -> Backup.write(store, series, backup)).hasMessageContaining("is not empty");
        }
        assertThat(quads).anyMatch(q -> q.contains("_:"));

        try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("b/tdb2"), BASE);
                DuckDbSeriesStore series = new DuckDbSeriesStore(directory.resolve("b/series.duckdb"))) {
            Backup.restore(backup, store, series);

            assertThat(sorted(store)).isEqualTo(quads);
            for (Map.Entry<String, SeriesData> e : points.entrySet()) {
                SeriesData restored = series.points(e.getKey()).orElseThrow();
                assertThat(restored.steps()).isEqualTo(e.getValue().steps());
                assertThat(restored.values()).isEqualTo(e.getValue().values());
                assertThat(restored.wallTimes()).isEqualTo(e.getValue().wallTimes());
            }
            assertThatThrownBy(() -> Backup.restore(backup, store, series)).hasMessageContaining("not empty");
        }
        Files.delete(backup.resolve(Backup.MANIFEST));
        assertThatThrownBy(() -> Backup.check(backup)).hasMessageContaining("no manifest.properties");
    }

    private static SeriesData series(int size, int seed) {
        SeriesData.Builder b = new SeriesData.Builder();
        for (int i = 0; i < size; i++) {
            double value = i == 1 ? Double.NaN : Math.exp(-i / 37.0) * (seed + 1) / 3.0;
            b.add(i * 10L, value, 1.7e9 + i * 0.123456789);
        }
        return b.build();
    }

    private static List<String> sorted(KnowledgeStore store) {
        List<String> lines = new ArrayList<>();
        store.export(
                new StreamRDFBase() {
                    @Override
                    public void quad(Quad quad) {
                        lines.add(NodeFmtLib.str(quad));
                    }
                },
                true);
        Collections.sort(lines);
        return lines;
    }
}
