package org.physicsofai.atlas.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KnowledgeStore} adapter must do, run against the real thing by each adapter's
 * test. Only accepted knowledge is in the default graph; every contribution stays readable.
 */
public abstract class KnowledgeStoreContract {

    private static final AgentRef ALICE = new AgentRef(id("agent/alice"), "Alice");
    private static final AgentRef CURATOR = new AgentRef(id("agent/carol"), "Carol");

    @TempDir
    protected Path directory;

    protected KnowledgeStore store;

    /** Opens the adapter on the given directory (or a server holding its data there). */
    protected abstract KnowledgeStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static final Graph GROKKING = turtle("""
            <phenomenon/grokking> a atlas:Phenomenon ; skos:prefLabel "grokking"@en , "顿悟"@zh .
            """);
    private static final Graph WEIGHT_NORM = turtle("""
            <observable/weight-norm> a atlas:Observable ; atlas:tracks <phenomenon/grokking> .
            """);

    private NewContribution contribution(Graph graph, boolean acceptNow, String... supersedes) {
        return new NewContribution(
                graph, ContributionMethod.MANUAL, ALICE, "notes.ttl", null, "test", List.of(supersedes), acceptNow);
    }

    private boolean knows(String subject, String predicate, String object) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("ASK { ?s ?p ?o }");
        pss.setIri("s", subject);
        pss.setIri("p", predicate);
        pss.setIri("o", object);
        return store.query(pss.asQuery(), Duration.ofSeconds(10), exec -> exec.ask());
    }

    private boolean ask(String query) {
        return store.query(QueryFactory.create(query), Duration.ofSeconds(10), exec -> exec.ask());
    }

    private boolean knowsGrokking() {
        return knows(
                id("phenomenon/grokking"),
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                "https://w3id.org/physics-of-ai/atlas#Phenomenon");
    }

    @Test
    void anAcceptedContributionIsKnowledgeWithItsProvenance() {
        Submission submission = store.submit(contribution(GROKKING, true));

        assertThat(submission.created()).isTrue();
        ContributionRecord record = submission.contribution();
        assertThat(record.status()).isEqualTo(ContributionStatus.ACCEPTED);
        assertThat(record.method()).isEqualTo(ContributionMethod.MANUAL);
        assertThat(record.agent()).isEqualTo(ALICE);
        assertThat(record.tripleCount()).isEqualTo(3);
        assertThat(record.contentHash()).isEqualTo(ContentHash.of(GROKKING));
        assertThat(record.sourceFile()).isEqualTo("notes.ttl");
        assertThat(knowsGrokking()).isTrue();
        assertThat(store.contribution(record.iri())).contains(record);
    }

    @Test
    void aContributionWhoseChecksFailIsNotStoredAndTheirExceptionIsThrown() {
        ContributionRecord before =
                store.submit(contribution(WEIGHT_NORM, true)).contribution();
        IllegalArgumentException refused = new IllegalArgumentException("does not conform");
        CompletableFuture<Void> checks = CompletableFuture.failedFuture(refused);

        assertThatThrownBy(() -> store.submit(contribution(GROKKING, true), hashOf(GROKKING), checks))
                .isSameAs(refused);

        assertThat(knowsGrokking()).isFalse();
        assertThat(store.current(ContentHash.of(GROKKING))).isEmpty();
        assertThat(store.contributions(ContributionFilter.recent(10)))
                .extracting(ContributionRecord::iri)
                .containsExactly(before.iri());
    }

    @Test
    void aContributionIsStoredOnlyOnceItsChecksPassAndReadersMeanwhileSeeTheStoreAsBefore() throws Exception {
        CompletableFuture<Void> checks = new CompletableFuture<>();
        CompletableFuture<Submission> submitting = CompletableFuture.supplyAsync(
                () -> store.submit(contribution(GROKKING, true), hashOf(GROKKING), checks));

        Thread.sleep(200);
        assertThat(submitting).isNotDone();
        assertThat(knowsGrokking()).isFalse();
        assertThat(store.current(ContentHash.of(GROKKING))).isEmpty();
        checks.complete(null);

        Submission submission = submitting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(submission.created()).isTrue();
        assertThat(submission.contribution().status()).isEqualTo(ContributionStatus.ACCEPTED);
        assertThat(knowsGrokking()).isTrue();
    }

    @Test
    void aResubmissionReturnsTheStoredContributionWhateverItsChecksFind() {
        ContributionRecord first = store.submit(contribution(GROKKING, true)).contribution();

        Submission again = store.submit(
                contribution(GROKKING, true),
                hashOf(GROKKING),
                CompletableFuture.failedFuture(new IllegalStateException("the shapes changed")));

        assertThat(again.created()).isFalse();
        assertThat(again.contribution()).isEqualTo(first);
    }

    @Test
    void aResubmissionWhoseHashIsKnownOnlyAfterTheWriteBeganReturnsTheStoredContributionAndStoresNothing()
            throws Exception {
        ContributionRecord first = store.submit(contribution(GROKKING, true)).contribution();
        CompletableFuture<String> hash = new CompletableFuture<>();
        CompletableFuture<Submission> submitting = CompletableFuture.supplyAsync(() -> store.submit(
                contribution(GROKKING, true),
                hash,
                CompletableFuture.failedFuture(new IllegalStateException("never looked at"))));

        Thread.sleep(200);
        hash.complete(ContentHash.of(GROKKING));
        Submission again = submitting.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(again.created()).isFalse();
        assertThat(again.contribution()).isEqualTo(first);
        assertThat(store.contributions(ContributionFilter.recent(10)))
                .extracting(ContributionRecord::iri)
                .containsExactly(first.iri());
        assertThat(store.assertions(first.iri()).size()).isEqualTo(GROKKING.size());
    }

    private static CompletableFuture<String> hashOf(Graph graph) {
        return CompletableFuture.completedFuture(ContentHash.of(graph));
    }

    @Test
    void aVersionChangesAfterEveryWriteOnceTheListenersWereToldAndNotOnReads() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                store.version().isPresent(), "this store cannot know of every write, so it reports no version");
        java.util.List<Long> seenByListener = new java.util.ArrayList<>();
        store.addListener(change -> seenByListener.add(store.version().getAsLong()));
        long start = store.version().getAsLong();

        ContributionRecord pending = store.submit(contribution(GROKKING, false)).contribution();
        long afterSubmit = store.version().getAsLong();
        knowsGrokking();
        store.contributions(ContributionFilter.recent(10));
        long afterReads = store.version().getAsLong();
        store.accept(pending.iri(), CURATOR, "fine");
        long afterAccept = store.version().getAsLong();
        store.retract(pending.iri(), CURATOR, "withdrawn");
        long afterRetract = store.version().getAsLong();

        assertThat(afterSubmit).isNotEqualTo(start);
        assertThat(afterReads).isEqualTo(afterSubmit);
        assertThat(afterAccept).isNotEqualTo(afterSubmit);
        assertThat(afterRetract).isNotEqualTo(afterAccept);
        // A listener reads the store before the version moves, so nothing read earlier is kept past it.
        assertThat(seenByListener).containsExactly(afterSubmit, afterAccept);
    }

    @Test
    void aPendingContributionIsNotKnowledgeUntilAccepted() {
        ContributionRecord pending = store.submit(contribution(GROKKING, false)).contribution();

        assertThat(pending.status()).isEqualTo(ContributionStatus.PENDING);
        assertThat(knowsGrokking()).isFalse();
        assertThat(store.assertions(pending.iri()).isIsomorphicWith(GROKKING)).isTrue();

        ContributionRecord accepted = store.accept(pending.iri(), CURATOR, "looks right");

        assertThat(accepted.status()).isEqualTo(ContributionStatus.ACCEPTED);
        assertThat(accepted.reviewedBy()).isEqualTo(CURATOR.iri());
        assertThat(accepted.statusReason()).isEqualTo("looks right");
        assertThat(knowsGrokking()).isTrue();
    }

    @Test
    void identicalContentIsStoredOnce() {
        ContributionRecord first = store.submit(contribution(GROKKING, true)).contribution();
        Graph sameInAnotherOrder = turtle("""
                <phenomenon/grokking> skos:prefLabel "顿悟"@zh , "grokking"@en ; a atlas:Phenomenon .
                """);

        Submission again = store.submit(contribution(sameInAnotherOrder, false));

        assertThat(again.created()).isFalse();
        assertThat(again.contribution()).isEqualTo(first);
        assertThat(store.contributions(ContributionFilter.recent(10))).hasSize(1);
    }

    @Test
    void theCurrentContributionOfAContentIsFoundByItsHashUntilRetracted() {
        ContributionRecord record = store.submit(contribution(GROKKING, false)).contribution();

        assertThat(store.current(ContentHash.of(GROKKING))).contains(record);
        assertThat(store.current(ContentHash.of(WEIGHT_NORM))).isEmpty();

        store.retract(record.iri(), CURATOR, "withdrawn");

        assertThat(store.current(ContentHash.of(GROKKING))).isEmpty();
    }

    @Test
    void aRetractedContributionLeavesKnowledgeButStaysAsHistory() {
        ContributionRecord record = store.submit(contribution(GROKKING, true)).contribution();

        ContributionRecord retracted = store.retract(record.iri(), CURATOR, "duplicate of another node");

        assertThat(retracted.status()).isEqualTo(ContributionStatus.RETRACTED);
        assertThat(retracted.statusReason()).isEqualTo("duplicate of another node");
        assertThat(knowsGrokking()).isFalse();
        assertThat(store.assertions(record.iri()).isIsomorphicWith(GROKKING)).isTrue();
    }

    @Test
    void aStatementAnotherAcceptedContributionAssertsSurvivesARetraction() {
        ContributionRecord first = store.submit(contribution(GROKKING, true)).contribution();
        Graph overlapping = turtle("""
                <phenomenon/grokking> a atlas:Phenomenon .
                <observable/weight-norm> a atlas:Observable ; atlas:tracks <phenomenon/grokking> .
                """);
        store.submit(contribution(overlapping, true));

        store.retract(first.iri(), CURATOR, "wrong label");

        assertThat(knowsGrokking()).isTrue();
        assertThat(ask("ASK { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"))
                .isFalse();
    }

    @Test
    void acceptingASupersedingContributionReplacesTheOldOne() {
        ContributionRecord old = store.submit(contribution(GROKKING, true)).contribution();
        Graph revised = turtle("""
                <phenomenon/grokking> a atlas:Phenomenon ; skos:prefLabel "grokking"@en , "顿悟"@zh ;
                    skos:altLabel "delayed generalization"@en .
                """);

        ContributionRecord revision =
                store.submit(contribution(revised, false, old.iri())).contribution();
        assertThat(store.contribution(old.iri()).orElseThrow().status()).isEqualTo(ContributionStatus.ACCEPTED);
        store.accept(revision.iri(), CURATOR, null);

        ContributionRecord superseded = store.contribution(old.iri()).orElseThrow();
        assertThat(superseded.status()).isEqualTo(ContributionStatus.SUPERSEDED);
        assertThat(superseded.statusReason()).contains(revision.iri());
        assertThat(store.contribution(revision.iri()).orElseThrow().supersedes())
                .containsExactly(old.iri());
        assertThat(knowsGrokking()).isTrue();
        assertThat(ask("ASK { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?l }"))
                .isTrue();
    }

    @Test
    void reviewDecisionsFollowTheStatusRules() {
        ContributionRecord record = store.submit(contribution(GROKKING, true)).contribution();

        assertThatThrownBy(() -> store.accept(record.iri(), CURATOR, null))
                .isInstanceOf(StatusTransitionException.class)
                .hasMessageContaining("accepted");
        store.retract(record.iri(), CURATOR, "test");
        assertThatThrownBy(() -> store.retract(record.iri(), CURATOR, "again"))
                .isInstanceOf(StatusTransitionException.class);
        assertThatThrownBy(() -> store.accept(id("contribution/none"), CURATOR, null))
                .isInstanceOf(ContributionNotFoundException.class);
    }

    @Test
    void aFailedSubmissionChangesNothing() {
        store.submit(contribution(GROKKING, true));
        List<Quad> before = quads(true);

        assertThatThrownBy(() -> store.submit(contribution(WEIGHT_NORM, true, id("contribution/missing"))))
                .isInstanceOf(ContributionNotFoundException.class);

        assertThat(quads(true)).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void contributionsAreListedNewestFirstAndFiltered() {
        ContributionRecord first = store.submit(contribution(GROKKING, true)).contribution();
        ContributionRecord second =
                store.submit(contribution(WEIGHT_NORM, false)).contribution();

        assertThat(store.contributions(ContributionFilter.recent(10)))
                .extracting(ContributionRecord::iri)
                .containsExactly(second.iri(), first.iri());
        assertThat(store.contributions(new ContributionFilter(ContributionStatus.PENDING, null, null, 10)))
                .containsExactly(second);
        assertThat(store.contributions(ContributionFilter.recent(1))).hasSize(1);
    }

    @Test
    void theExportHoldsKnowledgeAndOnRequestTheWholeHistory() {
        store.submit(contribution(GROKKING, true));
        store.submit(contribution(WEIGHT_NORM, false));

        List<Quad> knowledge = quads(false);
        List<Quad> everything = quads(true);

        assertThat(knowledge).hasSize(3).allMatch(Quad::isDefaultGraph);
        assertThat(everything.stream()
                        .filter(q -> !q.isDefaultGraph())
                        .map(Quad::getGraph)
                        .distinct())
                .hasSize(3); // two contributions and the provenance graph
    }

    @Test
    void everythingSurvivesReopening() {
        ContributionRecord record = store.submit(contribution(GROKKING, true)).contribution();
        store.close();

        store = open(directory);

        assertThat(store.contribution(record.iri())).contains(record);
        assertThat(knowsGrokking()).isTrue();
    }

    @Test
    void listenersHearOfEveryChangeToKnowledgeAfterItCommits() {
        List<KnowledgeChange> heard = new ArrayList<>();
        store.addListener(change -> {
            // The change is already committed and visible to readers.
            change.added()
                    .forEach(iri -> assertThat(
                                    store.contribution(iri).orElseThrow().status())
                            .isEqualTo(ContributionStatus.ACCEPTED));
            heard.add(change);
        });

        ContributionRecord old = store.submit(contribution(GROKKING, true)).contribution();
        ContributionRecord pending =
                store.submit(contribution(WEIGHT_NORM, false, old.iri())).contribution();
        store.accept(pending.iri(), CURATOR, null);
        store.retract(pending.iri(), CURATOR, "wrong");
        assertThatThrownBy(() -> store.retract(pending.iri(), CURATOR, "again"));

        assertThat(heard)
                .containsExactly(
                        new KnowledgeChange(List.of(old.iri()), List.of()),
                        new KnowledgeChange(List.of(pending.iri()), List.of(old.iri())),
                        new KnowledgeChange(List.of(), List.of(pending.iri())));
    }

    @Test
    void listenersHearOfAPendingContributionRejectedAfterItCommitsAndOfNothingElse() {
        List<String> withdrawn = new ArrayList<>();
        List<KnowledgeChange> heard = new ArrayList<>();
        store.addListener(new KnowledgeListener() {
            @Override
            public void knowledgeChanged(KnowledgeChange change) {
                heard.add(change);
            }

            @Override
            public void pendingWithdrawn(String contribution) {
                assertThat(store.contribution(contribution).orElseThrow().status())
                        .isEqualTo(ContributionStatus.RETRACTED);
                withdrawn.add(contribution);
            }
        });

        ContributionRecord rejected =
                store.submit(contribution(GROKKING, false)).contribution();
        ContributionRecord accepted =
                store.submit(contribution(WEIGHT_NORM, true)).contribution();
        store.retract(rejected.iri(), CURATOR, "wrong");
        store.retract(accepted.iri(), CURATOR, "withdrawn");

        assertThat(withdrawn).containsExactly(rejected.iri());
        assertThat(heard)
                .containsExactly(
                        new KnowledgeChange(List.of(accepted.iri()), List.of()),
                        new KnowledgeChange(List.of(), List.of(accepted.iri())));
    }

    @Test
    void aFailingListenerDoesNotUndoTheWrite() {
        store.addListener(change -> {
            throw new IllegalStateException("index down");
        });

        ContributionRecord record = store.submit(contribution(GROKKING, true)).contribution();

        assertThat(store.contribution(record.iri())).isPresent();
        assertThat(knowsGrokking()).isTrue();
    }

    @Test
    void blankNodesAreTheSameNodesInKnowledgeAndInTheirContribution() {
        Graph law = turtle("""
                <law/l> a atlas:Law ; atlas:hasParameter [ atlas:symbol "E" ; atlas:value 1.69e0 ] ,
                                                         [ atlas:symbol "A" ; atlas:value 406.4e0 ] .
                """);
        ContributionRecord record = store.submit(contribution(law, true)).contribution();

        assertThat(ask("""
                        ASK { <https://w3id.org/physics-of-ai/id/law/l>
                                  <https://w3id.org/physics-of-ai/atlas#hasParameter> ?p .
                              ?p <https://w3id.org/physics-of-ai/atlas#symbol> "E" ;
                                 <https://w3id.org/physics-of-ai/atlas#value> 1.69e0 }""")).isTrue();
        assertThat(store.assertions(record.iri()).isIsomorphicWith(law)).isTrue();
        List<Quad> everything = quads(true);
        assertThat(blankNodes(everything, true))
                .hasSize(2)
                .containsExactlyInAnyOrderElementsOf(blankNodes(everything, false));

        store.retract(record.iri(), CURATOR, "wrong values");

        assertThat(ask("ASK { ?p <https://w3id.org/physics-of-ai/atlas#symbol> ?s }"))
                .isFalse();
        assertThat(quads(false)).isEmpty();
    }

    @Test
    void aQueryThatRunsOutOfTimeIsStopped() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append("<observable/o").append(i).append("> a atlas:Observable .\n");
        }
        store.submit(contribution(turtle(many.toString()), true));
        Query crossProduct = QueryFactory.create(
                "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }");

        assertThatThrownBy(() -> store.query(
                        crossProduct,
                        Duration.ofSeconds(1),
                        exec -> exec.select().next()))
                .isInstanceOf(QueryCancelledException.class);
        assertThat(knows(
                        id("observable/o7"),
                        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                        "https://w3id.org/physics-of-ai/atlas#Observable"))
                .isTrue();
    }

    private static Set<Node> blankNodes(List<Quad> quads, boolean inKnowledge) {
        return quads.stream()
                .filter(q -> q.isDefaultGraph() == inKnowledge)
                .filter(q -> !q.getGraph().getURI().equals(KnowledgeStore.PROVENANCE_GRAPH))
                .flatMap(q -> Stream.of(q.getSubject(), q.getObject()))
                .filter(Node::isBlank)
                .collect(Collectors.toSet());
    }

    private List<Quad> quads(boolean history) {
        List<Quad> quads = new ArrayList<>();
        store.export(
                new StreamRDFBase() {
                    @Override
                    public void quad(Quad quad) {
                        quads.add(quad);
                    }
                },
                history);
        return quads;
    }
}
