package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.series.SeriesWrite;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.NewContribution;

/**
 * Start-up completes or rolls back each import the series store's journal names, by its contribution's
 * fate in the knowledge store: the states a crash can leave, made on real stores on disk.
 */
class ImportRecoveryTest extends ImportHarnessTest {

    private static final String SERIES = ImportHarness.BASE + "series/recovery-loss";

    private static SeriesData curve(int n, double value) {
        SeriesData.Builder b = new SeriesData.Builder(n);
        for (int i = 0; i < n; i++) {
            b.add(i, value, Double.NaN);
        }
        return b.build();
    }

    private void stage(String contribution, SeriesData data) {
        try (SeriesWrite write = atlas.series.stage(contribution, null)) {
            write.put(SERIES, data);
            write.commit();
        }
    }

    /** A contribution stored under the given IRI, as an import stores it. */
    private void store(String iri, boolean accept) {
        Graph graph = GraphFactory.createDefaultGraph();
        graph.add(
                NodeFactory.createURI(ImportHarness.BASE + "note/" + iri.hashCode()),
                RDFS.label.asNode(),
                NodeFactory.createLiteralString("recovery " + iri));
        atlas.store.submit(new NewContribution(
                graph, ContributionMethod.IMPORT, ImportHarness.AGENT, "x", null, null, List.of(), accept, iri));
    }

    private static String contribution(String name) {
        return ImportHarness.BASE + "contribution/" + java.util.UUID.nameUUIDFromBytes(name.getBytes());
    }

    @Test
    void pointsStagedForAContributionThatWasNeverStoredAreDiscarded() {
        String never = contribution("never");
        stage(never, curve(50, 999.0));

        Importer.Recovery recovery = atlas.importer.recover();

        assertThat(recovery.discarded()).containsExactly(never);
        assertThat(atlas.series.staged()).isEmpty();
        assertThat(atlas.series.points(SERIES, never)).isEmpty();
    }

    @Test
    void anAcceptedContributionWhosePointsWereNotYetPublishedIsPublished() {
        String accepted = contribution("accepted");
        store(accepted, true); // the commit of the knowledge store, then the crash before publication
        stage(accepted, curve(30, 0.25));
        assertThat(atlas.series.points(SERIES)).isEmpty();

        Importer.Recovery recovery = atlas.importer.recover();

        assertThat(recovery.published()).containsExactly(accepted);
        assertThat(atlas.series.points(SERIES)).contains(curve(30, 0.25));
        assertThat(atlas.series.staged()).isEmpty();
    }

    @Test
    void aPendingContributionKeepsItsStagedPointsAndARetractedOneLosesThem() {
        String pending = contribution("pending");
        String retracted = contribution("retracted");
        store(pending, false);
        store(retracted, false);
        stage(pending, curve(20, 0.5));
        // rejecting discards the staged points at once; staged after the retraction, they stand for a crash
        // between the retraction's commit and the discard
        atlas.store.retract(retracted, AgentRef.CURATORS, "rejected");
        stage(retracted, curve(20, 999.0));

        Importer.Recovery recovery = atlas.importer.recover();

        assertThat(recovery.kept()).containsExactly(pending);
        assertThat(recovery.discarded()).containsExactly(retracted);
        assertThat(atlas.series.points(SERIES, pending)).contains(curve(20, 0.5));
        assertThat(atlas.series.points(SERIES)).isEmpty();
        assertThat(atlas.series.staged())
                .extracting(SeriesStore.Staged::contribution)
                .containsExactly(pending);

        // Accepted later by a curator: published at once.
        atlas.store.accept(pending, AgentRef.CURATORS, "checked");
        assertThat(atlas.series.points(SERIES)).contains(curve(20, 0.5));
        assertThat(atlas.series.staged()).isEmpty();
    }

    @Test
    void detectorsThatDidNotFinishAfterAnAcceptedImportRunAgainAtStartUp() throws IOException {
        List<List<String>> resumed = new ArrayList<>();
        List<AgentRef> agents = new ArrayList<>();
        boolean[] crash = {true};
        atlas.importer.addListener(new ImportListener() {
            @Override
            public List<String> imported(ImportRequest request, ImportReport report) {
                if (crash[0]) {
                    throw new IllegalStateException("the process dies while the detectors run");
                }
                return List.of();
            }

            @Override
            public void resumed(AgentRef agent, List<String> runs) {
                agents.add(agent);
                resumed.add(runs);
            }
        });
        Path log = ImportHarness.write(directory.resolve("b/metrics.csv"), "step,loss\n0,1\n1,0.5\n2,0.25\n");

        try {
            atlas.run(null, null, Map.of(), log);
        } catch (IllegalStateException expected) {
            // The detectors' failure stands for the crash.
        }
        assertThat(atlas.series.staged())
                .singleElement()
                .satisfies(s -> assertThat(s.published()).isTrue());
        crash[0] = false;

        Importer.Recovery recovery = atlas.importer.recover();

        assertThat(recovery.resumed()).hasSize(1);
        assertThat(resumed).singleElement().satisfies(runs -> assertThat(runs).hasSize(1));
        assertThat(agents).containsExactly(ImportHarness.AGENT);
        assertThat(atlas.series.staged()).isEmpty();
        assertThat(atlas.importer.recover().resumed()).isEmpty();
    }
}
