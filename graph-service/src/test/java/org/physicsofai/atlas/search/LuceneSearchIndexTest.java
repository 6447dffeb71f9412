package org.physicsofai.atlas.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/** The index follows the store on disk: new, retracted and superseded knowledge, restarts, damage. */
class LuceneSearchIndexTest {

    private static final AgentRef CURATOR = AgentRef.CURATORS;

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private LuceneSearchIndex index;

    @BeforeEach
    void setUp() {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
        store.submit(contribution(AtlasOntology.ontologyGraph(), true));
        store.submit(contribution(turtle("""
                <phenomenon/grokking> a atlas:Phenomenon ; skos:prefLabel "grokking"@en , "顿悟"@zh ;
                    skos:definition "Generalisation long after fitting the training data."@en .
                <observable/val-acc> a atlas:Observable ; skos:prefLabel "validation accuracy"@en ;
                    atlas:tracks <phenomenon/grokking> .
                """), true));
        index = openIndex();
    }

    @AfterEach
    void tearDown() {
        index.close();
        store.close();
    }

    private LuceneSearchIndex openIndex() {
        return new LuceneSearchIndex(directory.resolve("lucene"), store);
    }

    private static NewContribution contribution(Graph graph, boolean accept) {
        return new NewContribution(graph, ContributionMethod.MANUAL, CURATOR, null, null, null, List.of(), accept);
    }

    private ContributionRecord submit(String turtle, boolean accept) {
        return store.submit(contribution(turtle(turtle), accept)).contribution();
    }

    private List<String> iris(String text) {
        return index.search(SearchQuery.of(text)).hits().stream()
                .map(SearchHit::iri)
                .toList();
    }

    @Test
    void anAcceptedContributionIsSearchableAsSoonAsTheWriteReturns() {
        submit("<phenomenon/slingshot> a atlas:Phenomenon ; skos:prefLabel \"slingshot mechanism\"@en .", true);

        assertThat(iris("slingshot")).containsExactly(id("phenomenon/slingshot"));
    }

    @Test
    void pendingKnowledgeIsNotSearchableUntilAccepted() {
        ContributionRecord pending = submit(
                "<phenomenon/slingshot> a atlas:Phenomenon ; skos:prefLabel \"slingshot mechanism\"@en .", false);

        assertThat(iris("slingshot")).isEmpty();

        store.accept(pending.iri(), CURATOR, "checked");

        assertThat(iris("slingshot")).containsExactly(id("phenomenon/slingshot"));
    }

    @Test
    void aRetractedContributionDisappearsAndWhatOthersAssertStays() {
        ContributionRecord alias = submit(
                "<phenomenon/grokking> skos:altLabel \"late bloomer\"@en . "
                        + "<phenomenon/slingshot> a atlas:Phenomenon ; skos:prefLabel \"slingshot mechanism\"@en .",
                true);
        assertThat(iris("late bloomer")).containsExactly(id("phenomenon/grokking"));

        store.retract(alias.iri(), CURATOR, "wrong");

        assertThat(iris("slingshot")).isEmpty();
        assertThat(iris("late bloomer")).isEmpty();
        assertThat(iris("grokking")).containsExactly(id("phenomenon/grokking"));
    }

    @Test
    void aSupersedingContributionReplacesTheOldWording() {
        ContributionRecord first =
                submit("<phenomenon/dd> a atlas:Phenomenon ; skos:prefLabel \"double dip\"@en .", true);
        store.submit(new NewContribution(
                turtle("<phenomenon/dd> a atlas:Phenomenon ; skos:prefLabel \"double descent\"@en ."),
                ContributionMethod.MANUAL,
                CURATOR,
                null,
                null,
                null,
                List.of(first.iri()),
                true));

        assertThat(iris("\"double descent\"")).containsExactly(id("phenomenon/dd"));
        assertThat(iris("\"double dip\"")).isEmpty();
    }

    @Test
    void moreConnectedNodesRankHigherAmongEqualMatches() {
        submit("""
                <phenomenon/a> a atlas:Phenomenon ; skos:prefLabel "plateau alpha"@en .
                <phenomenon/b> a atlas:Phenomenon ; skos:prefLabel "plateau beta"@en .
                """, true);
        assertThat(iris("plateau")).hasSize(2);

        submit("""
                <observable/x> a atlas:Observable ; skos:prefLabel "x"@en ; atlas:tracks <phenomenon/b> .
                <observable/y> a atlas:Observable ; skos:prefLabel "y"@en ; atlas:tracks <phenomenon/b> .
                <observable/z> a atlas:Observable ; skos:prefLabel "z"@en ; atlas:tracks <phenomenon/b> .
                """, true);

        assertThat(iris("plateau")).containsExactly(id("phenomenon/b"), id("phenomenon/a"));
    }

    @Test
    void exactLabelsRankAboveAlternativeLabelsAboveLabelWordsAboveDefinitions() {
        submit("""
                <phenomenon/d> a atlas:Phenomenon ; skos:prefLabel "something else"@en ;
                    skos:definition "Related to loss spikes in training."@en .
                <phenomenon/c> a atlas:Phenomenon ; skos:prefLabel "loss spikes in large models"@en .
                <phenomenon/b> a atlas:Phenomenon ; skos:prefLabel "catapult"@en ; skos:altLabel "loss spikes"@en .
                <phenomenon/a> a atlas:Phenomenon ; skos:prefLabel "loss spikes"@en .
                """, true);

        assertThat(iris("loss spikes"))
                .containsExactly(id("phenomenon/a"), id("phenomenon/b"), id("phenomenon/c"), id("phenomenon/d"));
    }

    @Test
    void snippetsEscapeTheTextAndMarkOnlyMatches() {
        submit("""
                <phenomenon/x> a atlas:Phenomenon ; skos:prefLabel "markup"@en ;
                    skos:definition "A <script>alert('x')</script> & markup test."@en .
                """, true);

        Snippet snippet =
                index.search(SearchQuery.of("markup")).hits().getFirst().snippet();

        assertThat(snippet.text()).isEqualTo("A <script>alert('x')</script> & markup test.");
        assertThat(snippet.html())
                .isEqualTo("A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>markup</mark> test.");
    }

    @Test
    void theIndexSurvivesARestart() throws IOException {
        List<String> before = iris("grokking");
        Path segments = segmentsFile();
        index.close();

        index = openIndex();

        assertThat(iris("grokking")).isEqualTo(before).isNotEmpty();
        assertThat(segmentsFile()).as("reopened, not rebuilt").isEqualTo(segments);
    }

    @Test
    void onOpeningItCatchesUpWithChangesMadeWhileItWasClosed() {
        ContributionRecord old =
                submit("<phenomenon/old> a atlas:Phenomenon ; skos:prefLabel \"old phenomenon\"@en .", true);
        index.close();
        submit("<phenomenon/new> a atlas:Phenomenon ; skos:prefLabel \"new phenomenon\"@en .", true);
        store.retract(old.iri(), CURATOR, "withdrawn");

        index = openIndex();

        assertThat(iris("phenomenon")).containsExactly(id("phenomenon/new"));
        assertThat(index.reflectedContributions()).doesNotContain(old.iri()).hasSize(3);
    }

    @Test
    void changesNotYetCommittedWhenTheProcessDiesAreCaughtUpFromTheStore() throws IOException {
        index.close();
        index = new LuceneSearchIndex(directory.resolve("lucene"), store, Duration.ofHours(1));
        submit("<phenomenon/slingshot> a atlas:Phenomenon ; skos:prefLabel \"slingshot mechanism\"@en .", true);
        assertThat(iris("slingshot")).containsExactly(id("phenomenon/slingshot"));

        // What a crash leaves on disk: the files as they are, of which only the last commit counts.
        Path crashed = directory.resolve("crashed");
        copy(directory.resolve("lucene"), crashed);
        try (DirectoryReader lastCommit = DirectoryReader.open(FSDirectory.open(crashed))) {
            assertThat(new IndexSearcher(lastCommit)
                            .count(new TermQuery(new Term(SearchFields.IRI, id("phenomenon/slingshot")))))
                    .isZero();
        }
        try (LuceneSearchIndex recovered = new LuceneSearchIndex(crashed, store)) {
            assertThat(recovered.search(SearchQuery.of("slingshot")).hits())
                    .extracting(SearchHit::iri)
                    .containsExactly(id("phenomenon/slingshot"));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void aCorruptIndexIsRebuiltFromTheStore() throws IOException {
        List<String> before = iris("grokking");
        index.close();
        try (Stream<Path> files = Files.list(directory.resolve("lucene"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("write.lock"))
                    .toList()) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 0x5A;
                Files.write(file, bytes);
            }
        }

        index = openIndex();

        assertThat(iris("grokking")).isEqualTo(before).isNotEmpty();
        assertThat(iris("顿悟")).containsExactly(id("phenomenon/grokking"));
    }

    @Test
    void aMissingIndexIsRebuiltFromTheStore() throws IOException {
        List<String> before = iris("validation");
        index.close();
        try (Stream<Path> files = Files.walk(directory.resolve("lucene"))) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }

        index = openIndex();

        assertThat(iris("validation")).isEqualTo(before).containsExactly(id("observable/val-acc"));
    }

    @Test
    void rebuildingGivesTheSameResults() {
        submit("<phenomenon/slingshot> a atlas:Phenomenon ; skos:prefLabel \"slingshot mechanism\"@en .", true);
        List<String> queries = List.of("grokking", "slingshot", "accuracy", "顿悟", "gro");
        List<SearchResults> before =
                queries.stream().map(q -> index.search(SearchQuery.of(q))).toList();

        SearchIndex.RebuildReport report = index.rebuild();

        assertThat(report.entities()).isEqualTo(3);
        assertThat(report.contributions()).isEqualTo(3);
        assertThat(queries.stream().map(q -> index.search(SearchQuery.of(q))).toList())
                .isEqualTo(before);
    }

    @Test
    void aSecondIndexOnTheSameDirectoryIsRefusedWithAClearMessage() {
        assertThatThrownBy(this::openIndex)
                .isInstanceOf(SearchIndexUnavailableException.class)
                .hasMessageContaining("in use by another process");
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> new SearchQuery(" ", null, 10, 0, "en")).hasMessageStartingWith("q:");
        assertThatThrownBy(() -> new SearchQuery("x", null, 0, 0, "en")).hasMessageStartingWith("limit:");
        assertThatThrownBy(() -> new SearchQuery("x", null, 10, -1, "en")).hasMessageStartingWith("offset:");
        assertThatThrownBy(() -> new SearchQuery("x".repeat(501), null, 10, 0, "en"))
                .hasMessageStartingWith("q:");
    }

    private Path segmentsFile() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("lucene"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("segments_"))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
