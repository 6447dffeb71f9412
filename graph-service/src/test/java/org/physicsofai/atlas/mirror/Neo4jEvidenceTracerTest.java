package org.physicsofai.atlas.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.mirror.MirrorFixture.submit;
import static org.physicsofai.atlas.store.TestGraphs.id;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.harness.Neo4j;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.EvidenceTracerContract;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.NeighbourhoodRequest;
import org.physicsofai.atlas.trace.RandomKnowledge;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.UnknownNodeException;
import org.physicsofai.atlas.trace.WhyRequest;

/**
 * The evidence tracer over a real Neo4j in-process, every store of the contract mirrored into it through
 * the real {@link Neo4jMirror}, side by side in namespaces of its one database.
 */
class Neo4jEvidenceTracerTest extends EvidenceTracerContract {

    private Neo4j neo4j;
    private int namespaces;
    private final Map<EvidenceTracer, Neo4jMirror> mirrors = new IdentityHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @TempDir
    Path own;

    /** Started on first use: the contract's {@code @BeforeAll} already asks for tracers. */
    private String uri() {
        if (neo4j == null) {
            neo4j = Neo4jServer.start();
        }
        return neo4j.boltURI().toString();
    }

    @Override
    protected EvidenceTracer tracer(KnowledgeStore store) {
        String namespace = "store" + ++namespaces;
        Neo4jMirror mirror = new Neo4jMirror(store, uri(), "neo4j", "", namespace);
        mirror.drain();
        Neo4jEvidenceTracer tracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", namespace);
        mirrors.put(tracer, mirror);
        closing.add(tracer);
        closing.add(mirror);
        return tracer;
    }

    @Override
    protected void settle(EvidenceTracer tracer) {
        mirrors.get(tracer).drain();
    }

    @AfterAll
    void stopNeo4j() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    void aMirrorInTheDefaultNamespaceAndOneInAnotherKeepApart() {
        try (KnowledgeStore first = new Tdb2KnowledgeStore(own.resolve("first"), AtlasOntology.ID_BASE);
                KnowledgeStore second = new Tdb2KnowledgeStore(own.resolve("second"), AtlasOntology.ID_BASE);
                Neo4jMirror plain = new Neo4jMirror(first, uri(), "neo4j", "");
                Neo4jMirror other = new Neo4jMirror(second, uri(), "neo4j", "", "other");
                Neo4jEvidenceTracer plainTracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", "");
                Neo4jEvidenceTracer otherTracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", "other")) {
            submit(first, "<claim/p> atlas:supports <claim/q> .", true);
            submit(second, "<claim/p> atlas:disputes <claim/q> . <claim/q> atlas:about <claim/r> .", true);
            plain.drain();
            other.drain();

            assertThat(plainTracer
                            .trace(TraceRequest.between(id("claim/p"), id("claim/q")))
                            .paths())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hops().getFirst().predicate()).endsWith("#supports"));
            assertThat(otherTracer
                            .trace(TraceRequest.between(id("claim/p"), id("claim/q")))
                            .paths())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hops().getFirst().predicate()).endsWith("#disputes"));
            assertThat(plainTracer.knows(id("claim/r"))).isFalse();
            assertThat(otherTracer.knows(id("claim/r"))).isTrue();
            assertThat(plain.counts()).containsEntry("nodes", 2L).containsEntry("relationships", 1L);
            assertThat(other.counts()).containsEntry("nodes", 3L).containsEntry("relationships", 2L);
        }
    }

    @Test
    void theMirrorFirstTracerAnswersFromTheStoreWhileTheMirrorLags() {
        try (KnowledgeStore store = new Tdb2KnowledgeStore(own.resolve("lagging"), AtlasOntology.ID_BASE)) {
            submit(store, "<claim/a> atlas:supports <claim/b> .", true);
            EvidenceTracer onMirror = tracer(store);
            Neo4jMirror mirror = mirrors.get(onMirror);
            MirrorFirstEvidenceTracer tracer =
                    new MirrorFirstEvidenceTracer(mirror, onMirror, new InStoreEvidenceTracer(store));
            assertThat(tracer.inStep()).isTrue();

            submit(store, "<claim/b> atlas:explains <claim/c> .", true);

            assertThat(tracer.inStep()).isFalse();
            assertThat(onMirror.knows(id("claim/c"))).isFalse();
            assertThat(tracer.knows(id("claim/c"))).isTrue();
            assertThat(tracer.trace(TraceRequest.between(id("claim/a"), id("claim/c")))
                            .paths())
                    .hasSize(1);

            mirror.drain();

            assertThat(tracer.inStep()).isTrue();
            assertThat(tracer.trace(TraceRequest.between(id("claim/a"), id("claim/c"))))
                    .isEqualTo(onMirror.trace(TraceRequest.between(id("claim/a"), id("claim/c"))));
        }
    }

    /**
     * Side by side with the in-store tracer over the same store: every answer (paths, hops, provenance,
     * types, why trees, balances, neighbourhoods, unknown nodes) must be equal, record for record.
     */
    @Test
    void everyAnswerEqualsTheInStoreTracersOverTheSeedAndARandomGraph() {
        try (KnowledgeStore seed = new Tdb2KnowledgeStore(own.resolve("seed"), AtlasOntology.ID_BASE);
                KnowledgeStore random = new Tdb2KnowledgeStore(own.resolve("random"), AtlasOntology.ID_BASE)) {
            MirrorFixture.loadSeed(seed);
            random.submit(new NewContribution(
                    RandomKnowledge.generate(3, 120, 10, 360),
                    ContributionMethod.IMPORT,
                    MirrorFixture.ALICE,
                    null,
                    null,
                    "test",
                    List.of(),
                    true));
            // Statements asserted twice, and a retracted contribution: parallel relationships in Neo4j.
            submit(random, "<random/n1> atlas:supports <random/n2> . <random/n2> atlas:disputes <random/n3> .", true);
            ContributionRecord withdrawn =
                    submit(random, "<random/n3> atlas:refines <random/n4> . <random/n4> a atlas:Claim .", true);
            random.retract(withdrawn.iri(), MirrorFixture.CAROL, "test");

            int seedAnswers = compare(seed, 120, 5);
            int randomAnswers = compare(random, 120, 6);

            assertThat(seedAnswers).isGreaterThan(80);
            assertThat(randomAnswers).isGreaterThan(200);
        }
    }

    /** Compares the two tracers on requests drawn from the store's nodes; returns how many answers had content. */
    private int compare(KnowledgeStore store, int rounds, int maxHops) {
        InStoreEvidenceTracer expected = new InStoreEvidenceTracer(store);
        EvidenceTracer actual = tracer(store);
        List<String> nodes = nodes(store);
        List<String> links =
                List.of(Atlas.supports.getURI(), Atlas.disputes.getURI(), Atlas.about.getURI(), Atlas.source.getURI());
        Set<String> types = Set.of(Atlas.Claim.getURI(), Atlas.Law.getURI(), Atlas.Observation.getURI());
        Random pick = new Random(17);
        int answered = 0;
        for (int i = 0; i < rounds; i++) {
            String a = nodes.get(pick.nextInt(nodes.size()));
            String b = nodes.get(pick.nextInt(nodes.size()));
            Set<String> linkTypes = i % 4 == 1 ? Set.copyOf(links) : Set.of();
            Set<String> nodeTypes = i % 5 == 2 ? types : Set.of();
            if (!a.equals(b)) {
                TraceRequest trace =
                        new TraceRequest(a, b, 1 + pick.nextInt(10), 1 + pick.nextInt(maxHops), linkTypes, nodeTypes);
                Object answer = same(() -> expected.trace(trace), () -> actual.trace(trace), trace);
                answered += answer.toString().contains("TracePath") ? 1 : 0;
            }
            WhyRequest why =
                    new WhyRequest(a, 1 + pick.nextInt(4), List.of(2, 10, 200).get(pick.nextInt(3)));
            answered += same(() -> expected.why(why), () -> actual.why(why), why)
                            .toString()
                            .contains("EvidenceItem")
                    ? 1
                    : 0;
            NeighbourhoodRequest around = new NeighbourhoodRequest(
                    a,
                    1 + pick.nextInt(3),
                    linkTypes,
                    nodeTypes,
                    List.of(3, 40, 2000).get(pick.nextInt(3)));
            answered += same(() -> expected.neighbourhood(around), () -> actual.neighbourhood(around), around)
                            .toString()
                            .contains("Link[")
                    ? 1
                    : 0;
            assertThat(actual.knows(b)).as("knows %s", b).isEqualTo(expected.knows(b));
        }
        for (String other : List.of(Atlas.verified.getURI(), Atlas.Claim.getURI(), RandomKnowledge.node(4))) {
            assertThat(actual.knows(other)).as("knows %s", other).isEqualTo(expected.knows(other));
        }
        return answered;
    }

    private static Object same(Supplier<Object> expected, Supplier<Object> actual, Object request) {
        Object want = outcome(expected);
        assertThat(outcome(actual)).as("%s", request).isEqualTo(want);
        return want;
    }

    private static Object outcome(Supplier<Object> answer) {
        try {
            return answer.get();
        } catch (UnknownNodeException e) {
            return e.getMessage();
        }
    }

    /** Every entity IRI of the store, in a fixed order, plus one it has never heard of. */
    private static List<String> nodes(KnowledgeStore store) {
        List<String> nodes = store.query(QueryFactory.create("""
                        SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x)) } ORDER BY ?x"""), Duration.ofMinutes(1), exec -> {
            List<String> found = new ArrayList<>();
            exec.select().forEachRemaining(r -> found.add(r.get("x").getURI()));
            return found;
        });
        nodes.add(AtlasOntology.ID_BASE + "claim/never-heard-of");
        return nodes;
    }
}
