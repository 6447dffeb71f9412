package org.physicsofai.atlas.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.search.SearchHit;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * A child JVM accepting a contribution of more than 100,000 statements into a TDB2 store, with the
 * Lucene search index following the store as in the application, is killed with SIGKILL at 20 moments
 * spread over the import and the index's delayed commit. Every time the store must reopen as it is, hold
 * the contribution entirely (its graph, the default graph, its provenance, accepted) or not at all, keep
 * what was committed before, take new writes, and the search index must agree with the store once opened
 * as the application opens it (catching up with a lagging index).
 */
@Tag("reliability")
class CrashSafetyTest {

    private static final int KILLS_DURING_IMPORT = 16;
    private static final long[] KILLS_AFTER_COMMIT_MILLIS = {0, 250, 500, 750};
    private static final long MARKER_TIMEOUT_SECONDS = 180;

    private static final Graph SMALL = CrashData.small();
    private static final Graph LARGE = CrashData.large();

    @TempDir
    Path temp;

    @Test
    void aKilledImportLeavesTheContributionWhollyPresentOrWhollyAbsent() throws Exception {
        assertThat(LARGE.size()).isEqualTo(CrashData.LARGE_SIZE).isGreaterThanOrEqualTo(100_000);

        // A run to its end measures how long the import takes on this machine.
        Path calibration = temp.resolve("calibration");
        ChildJvm complete = ChildJvm.start("768m", MARKER_TIMEOUT_SECONDS, CrashChild.class, calibration.toString());
        complete.await(CrashChild.READY);
        long importMillis =
                Long.parseLong(complete.await(CrashChild.COMMITTED).substring(CrashChild.COMMITTED.length() + 1));
        complete.await(CrashChild.CLOSED);
        assertThat(complete.process().waitFor(MARKER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isTrue();
        assertThat(complete.process().exitValue()).isZero();
        assertThat(recover(calibration)).isEqualTo(Outcome.PRESENT);

        List<Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < KILLS_DURING_IMPORT; k++) {
            long delay = importMillis * k / (KILLS_DURING_IMPORT - 1);
            outcomes.add(killAndRecover("during-" + k, CrashChild.SUBMITTING, delay));
        }
        for (long delay : KILLS_AFTER_COMMIT_MILLIS) {
            outcomes.add(killAndRecover("after-" + delay, CrashChild.COMMITTED, delay));
        }

        System.out.printf(
                "Import of %d statements took %d ms; outcomes of the 20 kills: %s%n",
                LARGE.size(), importMillis, outcomes);
        assertThat(outcomes).hasSize(20).contains(Outcome.ABSENT, Outcome.PRESENT);
        assertThat(outcomes.subList(KILLS_DURING_IMPORT, outcomes.size())).containsOnly(Outcome.PRESENT);
    }

    private Outcome killAndRecover(String name, String marker, long delayMillis) throws Exception {
        long start = System.nanoTime();
        Path data = temp.resolve(name);
        ChildJvm child = ChildJvm.start("768m", MARKER_TIMEOUT_SECONDS, CrashChild.class, data.toString());
        child.await(marker);
        Thread.sleep(delayMillis);
        child.process().destroyForcibly();
        assertThat(child.process().waitFor(MARKER_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isTrue();
        // 128 + 9: the child died of SIGKILL, not of anything it could clean up after (unless it had ended).
        assertThat(child.process().exitValue()).as("%s: exit status", name).isIn(137, 0);
        long killed = System.nanoTime();
        Outcome outcome = recover(data);
        System.out.printf(
                "Killed %s ms after %s: %s (child %d ms, recovery %d ms)%n",
                delayMillis, marker, outcome, (killed - start) / 1_000_000, (System.nanoTime() - killed) / 1_000_000);
        return outcome;
    }

    private enum Outcome {
        PRESENT,
        ABSENT
    }

    /** Opens the stores as the application does and checks that they hold one of the two allowed states. */
    private Outcome recover(Path data) {
        Outcome outcome;
        try (KnowledgeStore store = new Tdb2KnowledgeStore(data.resolve("tdb2"), CrashData.BASE)) {
            List<ContributionRecord> records = store.contributions(ContributionFilter.recent(10));
            ContributionRecord small = records.stream()
                    .filter(r -> "small.ttl".equals(r.sourceFile()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(data + ": the contribution committed before is lost"));
            assertThat(small.status()).isEqualTo(ContributionStatus.ACCEPTED);
            Optional<ContributionRecord> large = records.stream()
                    .filter(r -> "large.ttl".equals(r.sourceFile()))
                    .findFirst();
            assertThat(records).hasSize(large.isPresent() ? 2 : 1);
            Quads quads = Quads.of(store);
            if (large.isPresent()) {
                outcome = Outcome.PRESENT;
                ContributionRecord record = large.get();
                assertThat(record.status()).isEqualTo(ContributionStatus.ACCEPTED);
                assertThat(record.tripleCount()).isEqualTo(CrashData.LARGE_SIZE);
                assertThat(record.reviewedBy()).isNotNull();
                assertThat(quads.graph(record.iri()))
                        .as("the contribution's graph")
                        .isEqualTo(triples(LARGE));
                Set<Triple> knowledge = triples(SMALL);
                knowledge.addAll(triples(LARGE));
                assertThat(quads.defaultGraph).as("the default graph").isEqualTo(knowledge);
                assertThat(quads.graphs())
                        .containsExactlyInAnyOrder(small.iri(), record.iri(), KnowledgeStore.PROVENANCE_GRAPH);
            } else {
                outcome = Outcome.ABSENT;
                assertThat(quads.graphs())
                        .as("no graph of the killed import")
                        .containsExactlyInAnyOrder(small.iri(), KnowledgeStore.PROVENANCE_GRAPH);
                assertThat(quads.defaultGraph).as("the default graph").isEqualTo(triples(SMALL));
                assertThat(quads.provenanceSubjects())
                        .as("no provenance of the killed import")
                        .containsExactlyInAnyOrder(small.iri(), CrashData.AGENT.iri());
            }
            // The outbox a mirror drains holds exactly the changes the store holds, in commit order.
            assertThat(store.pendingChanges(100))
                    .as("the outbox")
                    .extracting(e -> e.contribution() + (e.added() ? " added" : " removed"))
                    .containsExactlyElementsOf(
                            outcome == Outcome.PRESENT
                                    ? List.of(
                                            small.iri() + " added", large.get().iri() + " added")
                                    : List.of(small.iri() + " added"));
            assertThat(quads.mentioning(CrashData.ENTITIES + "large/"))
                    .as("statements about the large contribution's subjects")
                    .isEqualTo(outcome == Outcome.PRESENT ? 2L * LARGE.size() : 0L);

            // The index as the application opens it: catching up from the store if it lags behind.
            try (LuceneSearchIndex recovered = new LuceneSearchIndex(data.resolve("lucene"), store);
                    LuceneSearchIndex rebuilt = new LuceneSearchIndex(data.resolve("lucene-rebuilt"), store)) {
                long expected = 1 + (outcome == Outcome.PRESENT ? CrashData.SEARCHABLE : 0);
                assertThat(rebuilt.size()).isEqualTo(expected);
                assertThat(recovered.size())
                        .as("entities in the recovered index")
                        .isEqualTo(expected);
                for (String text : List.of("phenomenon", "crashprobe7", "crashprobe49", "crashanchor")) {
                    assertThat(recovered.search(SearchQuery.of(text)).total())
                            .as("hits for '%s' in the recovered index", text)
                            .isEqualTo(rebuilt.search(SearchQuery.of(text)).total());
                }
                assertThat(recovered.search(SearchQuery.of("crashprobe7")).hits().stream()
                                .map(SearchHit::iri)
                                .anyMatch((CrashData.ENTITIES + "large/7")::equals))
                        .as("the large contribution's entity found in the recovered index")
                        .isEqualTo(outcome == Outcome.PRESENT);

                // The recovered store takes new writes, and the index follows them.
                Graph after = GraphFactory.createDefaultGraph();
                after.add(
                        NodeFactory.createURI(CrashData.ENTITIES + "after"),
                        RDFS.label.asNode(),
                        NodeFactory.createLiteralString("written after the crash"));
                store.submit(CrashData.accepted(after, "after.ttl"));
                assertThat(store.contributions(ContributionFilter.recent(10))).hasSize(records.size() + 1);
            }
        }
        return outcome;
    }

    private static Set<Triple> triples(Graph graph) {
        Set<Triple> set = new HashSet<>();
        graph.find().forEachRemaining(set::add);
        return set;
    }

    /** Every quad of a store, by graph. */
    private record Quads(Set<Triple> defaultGraph, List<Quad> named) {

        static Quads of(KnowledgeStore store) {
            Set<Triple> defaultGraph = new HashSet<>();
            List<Quad> named = new ArrayList<>();
            store.export(
                    new StreamRDFBase() {
                        @Override
                        public void quad(Quad quad) {
                            if (quad.isDefaultGraph()) {
                                defaultGraph.add(quad.asTriple());
                            } else {
                                named.add(quad);
                            }
                        }

                        @Override
                        public void triple(Triple triple) {
                            defaultGraph.add(triple);
                        }
                    },
                    true);
            return new Quads(defaultGraph, named);
        }

        Set<String> graphs() {
            Set<String> graphs = new HashSet<>();
            named.forEach(q -> graphs.add(q.getGraph().getURI()));
            return graphs;
        }

        Set<Triple> graph(String iri) {
            Node graph = NodeFactory.createURI(iri);
            Set<Triple> triples = new HashSet<>();
            named.stream().filter(q -> q.getGraph().equals(graph)).forEach(q -> triples.add(q.asTriple()));
            return triples;
        }

        Set<String> provenanceSubjects() {
            Node provenance = NodeFactory.createURI(KnowledgeStore.PROVENANCE_GRAPH);
            Set<String> subjects = new HashSet<>();
            named.stream()
                    .filter(q -> q.getGraph().equals(provenance))
                    .forEach(q -> subjects.add(q.getSubject().getURI()));
            return subjects;
        }

        long mentioning(String prefix) {
            long inDefault = defaultGraph.stream()
                    .filter(t ->
                            t.getSubject().isURI() && t.getSubject().getURI().startsWith(prefix))
                    .count();
            long inNamed = named.stream()
                    .filter(q ->
                            q.getSubject().isURI() && q.getSubject().getURI().startsWith(prefix))
                    .count();
            return inDefault + inNamed;
        }
    }
}
