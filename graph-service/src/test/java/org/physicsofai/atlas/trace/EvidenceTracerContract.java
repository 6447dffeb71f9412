package org.physicsofai.atlas.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.physicsofai.atlas.store.TestGraphs.id;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.entity.Provenance;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * What every {@link EvidenceTracer} must answer, over the real seed graph, over small graphs built for
 * one rule each, and over a random graph compared with {@link PathOracle}. Each implementation's test
 * extends this class; answers must be equal, not just similar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EvidenceTracerContract {

    private static final AgentRef ALICE = new AgentRef(id("agent/alice"), "Alice");
    private static final AgentRef CAROL = new AgentRef(id("agent/carol"), "Carol");
    private static final Path SEED = Path.of("..", "seed-data", "knowledge");

    private Path directory;

    private final List<KnowledgeStore> opened = new ArrayList<>();
    private KnowledgeStore seedStore;
    private EvidenceTracer seed;
    private ContributionRecord seedContribution;
    private final Graph random = RandomKnowledge.generate(7, 150, 12, 420);
    private KnowledgeStore randomStore;
    private EvidenceTracer randomTracer;

    /** The tracer under test, over a store that already holds the test's knowledge. */
    protected abstract EvidenceTracer tracer(KnowledgeStore store);

    /** Waits until the tracer has seen every change committed to the store (a mirror may lag). */
    protected void settle(EvidenceTracer tracer) {}

    /** A fresh, empty store for one test. */
    protected KnowledgeStore openStore(Path location) {
        return new Tdb2KnowledgeStore(location, AtlasOntology.ID_BASE);
    }

    @BeforeAll
    void loadSeedAndRandomGraphs() throws IOException {
        directory = Files.createTempDirectory("tracer-contract");
        seedStore = fresh();
        SeedLoader loader = new SeedLoader(seedStore, new ContributionService(seedStore), "test");
        loader.loadOntology();
        seedContribution = loader.load(SeedLoader.SEED_DATA, seedFiles()).contribution();
        seed = tracer(seedStore);
        randomStore = fresh();
        submit(randomStore, random, ContributionMethod.IMPORT, ALICE, true);
        randomTracer = tracer(randomStore);
    }

    @AfterEach
    void closeTestStores() {
        opened.stream().filter(s -> s != seedStore && s != randomStore).forEach(KnowledgeStore::close);
        opened.removeIf(s -> s != seedStore && s != randomStore);
    }

    @AfterAll
    void closeSharedStores() throws IOException {
        opened.forEach(KnowledgeStore::close);
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private KnowledgeStore fresh() {
        KnowledgeStore store = openStore(directory.resolve(UUID.randomUUID().toString()));
        opened.add(store);
        return store;
    }

    private static Map<String, byte[]> seedFiles() {
        try (Stream<Path> files = Files.list(SEED)) {
            Map<String, byte[]> result = new LinkedHashMap<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".ttl")).sorted().toList()) {
                result.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContributionRecord submit(
            KnowledgeStore store, Graph graph, ContributionMethod method, AgentRef agent, boolean accept) {
        return store.submit(new NewContribution(graph, method, agent, null, null, "test", List.of(), accept))
                .contribution();
    }

    /** A store holding the given Turtle as one accepted contribution, and its tracer. */
    private EvidenceTracer over(String... acceptedTurtle) {
        KnowledgeStore store = fresh();
        for (String body : acceptedTurtle) {
            submit(store, turtle(body), ContributionMethod.MANUAL, ALICE, true);
        }
        return tracer(store);
    }

    private static TraceRequest request(String from, String to, int k, int maxHops) {
        return new TraceRequest(id(from), id(to), k, maxHops, Set.of(), Set.of());
    }

    /** A path as "node -pred-> node <-pred- node", with links by local name and seed IRIs shortened. */
    static String show(TracePath path) {
        StringBuilder text = new StringBuilder(shorten(path.nodes().get(0)));
        for (Hop hop : path.hops()) {
            String link = StoreStatements.localName(hop.predicate());
            text.append(hop.direction() == Direction.FORWARD ? " -" + link + "-> " : " <-" + link + "- ")
                    .append(shorten(hop.walkedTo()));
        }
        return text.toString();
    }

    private static String showSteps(String from, List<PathOracle.Step> steps) {
        StringBuilder text = new StringBuilder(shorten(from));
        for (PathOracle.Step step : steps) {
            String link =
                    StoreStatements.localName(step.statement().getPredicate().getURI());
            text.append(step.forward() ? " -" + link + "-> " : " <-" + link + "- ")
                    .append(shorten(step.next()));
        }
        return text.toString();
    }

    private static String shorten(String iri) {
        return iri.startsWith(AtlasOntology.ID_BASE) ? iri.substring(AtlasOntology.ID_BASE.length()) : iri;
    }

    private static List<String> shown(TraceResult result) {
        return result.paths().stream().map(EvidenceTracerContract::show).toList();
    }

    // ---- the seed graph ----

    @Test
    void fromAScalingLawThroughTheDisputesToTheReplicationPaper() {
        TraceResult result = seed.trace(new TraceRequest(
                id("law/kaplan2020-compute-allocation"),
                id("source/besiroglu2024"),
                5,
                6,
                Set.of(Atlas.disputes.getURI(), Atlas.source.getURI()),
                Set.of()));

        String refit = "law/kaplan2020-compute-allocation <-disputes- law/hoffmann2022-chinchilla-rounded"
                + " <-disputes- law/besiroglu2024-chinchilla-refit -source-> source/besiroglu2024";
        assertThat(shown(result))
                .hasSize(5)
                .containsSubsequence(
                        "law/kaplan2020-compute-allocation <-disputes- law/hoffmann2022-chinchilla-rounded"
                                + " <-disputes- claim/besiroglu2024-implausible-intervals -source-> source/besiroglu2024",
                        refit);
        assertThat(result.paths().get(0).length()).isEqualTo(3);
        Hop dispute = result.paths().get(shown(result).indexOf(refit)).hops().get(1);
        assertThat(dispute.from()).isEqualTo(id("law/besiroglu2024-chinchilla-refit"));
        assertThat(dispute.to()).isEqualTo(id("law/hoffmann2022-chinchilla-rounded"));
        assertThat(dispute.direction()).isEqualTo(Direction.BACKWARD);
        assertThat(dispute.stance()).isEqualTo(Stance.DISPUTES);
        assertThat(result.types().get(id("source/besiroglu2024"))).containsExactly(Atlas.Source.getURI());
    }

    @Test
    void fromEdgeOfStabilityToThePaperThatStatesTwoOverEta() {
        TraceResult result = seed.trace(new TraceRequest(
                id("phenomenon/edge-of-stability"),
                id("source/cohen2021"),
                3,
                6,
                Set.of(),
                Set.of(Atlas.Law.getURI())));

        assertThat(shown(result))
                .startsWith(
                        "phenomenon/edge-of-stability -source-> source/cohen2021",
                        "phenomenon/edge-of-stability <-about- law/cohen2021-eos-gd -source-> source/cohen2021");
        Hop about = result.paths().get(1).hops().get(0);
        assertThat(about.stance()).isNull();
        assertThat(about.sources()).isEqualTo(1);
    }

    @Test
    void everyHopOfTheSeedCarriesTheSeedContributionsProvenance() {
        TraceResult result = seed.trace(TraceRequest.between(id("phenomenon/grokking"), id("source/kumar2023")));

        assertThat(result.paths()).hasSize(5);
        assertThat(result.paths())
                .allSatisfy(path -> assertThat(path.hops())
                        .allSatisfy(hop -> assertThat(hop.provenance())
                                .singleElement()
                                .satisfies(p -> {
                                    assertThat(p.contribution()).isEqualTo(seedContribution.iri());
                                    assertThat(p.method()).isEqualTo("seed");
                                    assertThat(p.agent()).isEqualTo("Atlas curators");
                                    assertThat(p.status()).isEqualTo("accepted");
                                    assertThat(p.created()).isEqualTo(seedContribution.created());
                                })));
    }

    @Test
    void pathsComeFewestHopsFirstAndAreSimple() {
        TraceResult result = seed.trace(
                new TraceRequest(id("phenomenon/grokking"), id("variable/weight-decay"), 20, 4, Set.of(), Set.of()));

        List<Integer> lengths = result.paths().stream().map(TracePath::length).toList();
        assertThat(result.paths()).hasSize(20);
        assertThat(lengths).isSorted();
        assertThat(result.paths())
                .allSatisfy(p -> assertThat(Set.copyOf(p.nodes())).hasSameSizeAs(p.nodes()));
        assertThat(result.paths()).allSatisfy(p -> {
            assertThat(p.nodes().get(0)).isEqualTo(id("phenomenon/grokking"));
            assertThat(p.nodes().get(p.length())).isEqualTo(id("variable/weight-decay"));
            for (int i = 0; i < p.length(); i++) {
                assertThat(p.hops().get(i).walkedFrom()).isEqualTo(p.nodes().get(i));
                assertThat(p.hops().get(i).walkedTo()).isEqualTo(p.nodes().get(i + 1));
            }
        });
    }

    @Test
    void whyWeighsTheWeightNormAccountOfGrokking() {
        WhyAnswer why = seed.why(WhyRequest.of(id("claim/liu2022omni-lu-mechanism")));

        assertThat(why.types()).containsExactly(Atlas.Claim.getURI());
        assertThat(why.evidence())
                .extracting(e -> e.stance().label() + " " + shorten(e.node()))
                .containsExactly(
                        "refines law/liu2022omni-grokking-time-vs-weight-decay",
                        "qualifies claim/kumar2023-grokking-with-rising-norm",
                        "qualifies claim/truong2026-logit-scale-mediation",
                        "disputes law/truong2026-clamped-norm-delay");
        assertThat(why.balance().supporting().evidence()).hasSize(1);
        assertThat(why.balance().disputing().sources()).containsExactly(id("source/truong2026delay"));
        assertThat(why.balance().disputing().evidence()).hasSize(1);
        assertThat(why.balance().qualifying().evidence())
                .containsExactly(
                        id("claim/kumar2023-grokking-with-rising-norm"), id("claim/truong2026-logit-scale-mediation"));
        assertThat(why.evidence().get(3).provenance())
                .extracting(Provenance::method)
                .containsExactly("seed");
    }

    @Test
    void theNeighbourhoodOfGrokkingHoldsItsObservables() {
        Neighbourhood around = seed.neighbourhood(
                new NeighbourhoodRequest(id("phenomenon/grokking"), 1, Set.of(Atlas.tracks.getURI()), Set.of(), 500));

        assertThat(around.nodes().get(0).iri()).isEqualTo(id("phenomenon/grokking"));
        assertThat(around.nodes().subList(1, around.nodes().size()))
                .isNotEmpty()
                .allSatisfy(n -> {
                    assertThat(n.distance()).isEqualTo(1);
                    assertThat(n.types()).contains(Atlas.Observable.getURI());
                });
        assertThat(around.links())
                .allSatisfy(l -> assertThat(l.predicate()).isEqualTo(Atlas.tracks.getURI()))
                .allSatisfy(l -> assertThat(l.provenance()).isNotEmpty());
        assertThat(around.truncated()).isFalse();
    }

    // ---- rules, on small graphs ----

    @Test
    void hopsAreReportedInTheirTrueDirection() {
        EvidenceTracer tracer = over("<claim/a> atlas:supports <claim/b> .");

        Hop hop = tracer.trace(request("claim/b", "claim/a", 1, 1))
                .paths()
                .get(0)
                .hops()
                .get(0);

        assertThat(hop.from()).isEqualTo(id("claim/a"));
        assertThat(hop.to()).isEqualTo(id("claim/b"));
        assertThat(hop.direction()).isEqualTo(Direction.BACKWARD);
        assertThat(hop.walkedFrom()).isEqualTo(id("claim/b"));
        assertThat(hop.stance()).isEqualTo(Stance.SUPPORTS);
        assertThat(hop.provenance())
                .singleElement()
                .satisfies(p -> assertThat(p.agent()).isEqualTo("Alice"));
    }

    @Test
    void cyclesYieldOnlySimplePaths() {
        EvidenceTracer tracer = over("""
                <claim/a> atlas:supports <claim/b> . <claim/b> atlas:supports <claim/c> .
                <claim/c> atlas:supports <claim/a> . <claim/c> atlas:explains <claim/d> .
                <claim/b> atlas:refines <claim/a> .
                """);

        TraceResult result = tracer.trace(request("claim/a", "claim/d", 20, 10));

        assertThat(shown(result))
                .containsExactly(
                        "claim/a <-supports- claim/c -explains-> claim/d",
                        "claim/a <-refines- claim/b -supports-> claim/c -explains-> claim/d",
                        "claim/a -supports-> claim/b -supports-> claim/c -explains-> claim/d");
    }

    @Test
    void disconnectedNodesHaveNoPath() {
        EvidenceTracer tracer = over("<claim/a> atlas:supports <claim/b> . <claim/c> atlas:supports <claim/d> .");

        assertThat(tracer.trace(request("claim/a", "claim/d", 5, 10)).paths()).isEmpty();
    }

    @Test
    void theHopLimitIsKept() {
        EvidenceTracer tracer = over("""
                <claim/a> atlas:supports <claim/b> . <claim/b> atlas:supports <claim/c> .
                <claim/c> atlas:supports <claim/d> . <claim/d> atlas:supports <claim/e> .
                """);

        assertThat(tracer.trace(request("claim/a", "claim/e", 5, 3)).paths()).isEmpty();
        assertThat(tracer.trace(request("claim/a", "claim/e", 5, 4)).paths())
                .singleElement()
                .satisfies(p -> assertThat(p.length()).isEqualTo(4));
    }

    @Test
    void retractedAndPendingStatementsAreNeverUsed() {
        KnowledgeStore store = fresh();
        submit(
                store,
                turtle("<claim/a> atlas:supports <claim/b> . <claim/c> a atlas:Claim ."),
                ContributionMethod.MANUAL,
                ALICE,
                true);
        ContributionRecord bridge =
                submit(store, turtle("<claim/b> atlas:supports <claim/c> ."), ContributionMethod.MANUAL, ALICE, true);
        submit(store, turtle("<claim/a> atlas:disputes <claim/c> ."), ContributionMethod.MANUAL, ALICE, false);
        EvidenceTracer tracer = tracer(store);
        assertThat(shown(tracer.trace(request("claim/a", "claim/c", 5, 5))))
                .containsExactly("claim/a -supports-> claim/b -supports-> claim/c");

        store.retract(bridge.iri(), CAROL, "wrong");
        settle(tracer);

        assertThat(tracer.trace(request("claim/a", "claim/c", 5, 5)).paths()).isEmpty();
    }

    @Test
    void aStatementStaysWhileAnotherAcceptedContributionAssertsIt() {
        KnowledgeStore store = fresh();
        ContributionRecord first = submit(
                store,
                turtle("<claim/a> atlas:supports <claim/b> . <claim/x> atlas:about <claim/a> ."),
                ContributionMethod.MANUAL,
                ALICE,
                true);
        EvidenceTracer tracer = tracer(store);
        ContributionRecord second =
                submit(store, turtle("<claim/a> atlas:supports <claim/b> ."), ContributionMethod.IMPORT, CAROL, true);
        settle(tracer);

        store.retract(first.iri(), CAROL, "replaced");
        settle(tracer);

        TraceResult result = tracer.trace(request("claim/a", "claim/b", 5, 5));
        assertThat(result.paths())
                .singleElement()
                .satisfies(p -> assertThat(p.hops().get(0).provenance())
                        .extracting(Provenance::contribution)
                        .containsExactly(second.iri()));
        assertThat(tracer.knows(id("claim/a"))).isTrue();
        assertThat(tracer.knows(id("claim/x"))).isFalse();
        assertThatThrownBy(() -> tracer.trace(request("claim/x", "claim/b", 5, 5)))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessageContaining("from: ");
    }

    @Test
    void aStatementAssertedTwiceIsOneHopWithTheProvenanceOfBoth() {
        KnowledgeStore store = fresh();
        ContributionRecord first = submit(
                store,
                turtle("<claim/a> atlas:supports <claim/b> . <claim/b> atlas:about <claim/c> ."),
                ContributionMethod.MANUAL,
                ALICE,
                true);
        ContributionRecord second =
                submit(store, turtle("<claim/a> atlas:supports <claim/b> ."), ContributionMethod.IMPORT, CAROL, true);
        EvidenceTracer tracer = tracer(store);

        TraceResult result = tracer.trace(request("claim/a", "claim/c", 5, 5));
        WhyAnswer why = tracer.why(WhyRequest.of(id("claim/b")));
        Neighbourhood around = tracer.neighbourhood(NeighbourhoodRequest.of(id("claim/b"), 1));

        assertThat(shown(result)).containsExactly("claim/a -supports-> claim/b -about-> claim/c");
        assertThat(result.paths().get(0).hops().get(0).provenance())
                .isSortedAccordingTo(TraceOrder.PROVENANCE)
                .extracting(Provenance::contribution)
                .containsExactlyInAnyOrder(first.iri(), second.iri());
        assertThat(result.paths().get(0).hops().get(1).provenance())
                .extracting(Provenance::agent)
                .containsExactly("Alice");
        assertThat(why.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e.provenance())
                        .isSortedAccordingTo(TraceOrder.PROVENANCE)
                        .extracting(Provenance::method)
                        .containsExactlyInAnyOrder("manual", "import"));
        assertThat(why.balance().supporting().evidence()).containsExactly(id("claim/a"));
        assertThat(around.links())
                .extracting(l -> StoreStatements.localName(l.predicate()) + " "
                        + l.provenance().size())
                .containsExactly("supports 2", "about 1");
    }

    @Test
    void knowledgeAcceptedAfterTheTracerStartedIsTraced() {
        KnowledgeStore store = fresh();
        submit(store, turtle("<claim/a> atlas:supports <claim/b> ."), ContributionMethod.MANUAL, ALICE, true);
        EvidenceTracer tracer = tracer(store);
        ContributionRecord later =
                submit(store, turtle("<claim/b> atlas:explains <claim/c> ."), ContributionMethod.MANUAL, ALICE, false);
        settle(tracer);
        assertThat(tracer.knows(id("claim/c"))).isFalse();

        store.accept(later.iri(), CAROL, "checked");
        settle(tracer);

        assertThat(shown(tracer.trace(request("claim/a", "claim/c", 5, 5))))
                .containsExactly("claim/a -supports-> claim/b -explains-> claim/c");
    }

    @Test
    void typesLabelsAndValueSetsAreNotLinks() {
        EvidenceTracer tracer = over("""
                <run/one> a atlas:Run ; skos:prefLabel "same"@en ; atlas:verification atlas:verified .
                <run/two> a atlas:Run ; skos:prefLabel "same"@en ; atlas:verification atlas:verified .
                <run/one> atlas:partOf <experiment/e> .
                """);

        assertThat(tracer.trace(request("run/one", "run/two", 5, 10)).paths()).isEmpty();
        assertThat(tracer.knows(id("run/two"))).isTrue();
        assertThat(tracer.knows(Atlas.verified.getURI())).isFalse();
    }

    @Test
    void anUnknownEndIsNamed() {
        EvidenceTracer tracer = over("<claim/a> atlas:supports <claim/b> .");

        assertThatThrownBy(() -> tracer.trace(request("claim/a", "claim/nowhere", 5, 5)))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessageContaining("to: ")
                .hasMessageContaining(id("claim/nowhere"));
        assertThatThrownBy(() -> tracer.why(WhyRequest.of(id("claim/nowhere"))))
                .isInstanceOf(UnknownNodeException.class);
        assertThatThrownBy(() -> tracer.neighbourhood(NeighbourhoodRequest.of(id("claim/nowhere"), 1)))
                .isInstanceOf(UnknownNodeException.class);
    }

    @Test
    void amongEqualLengthsBetterSourcedAndSupportingPathsComeFirst() {
        EvidenceTracer tracer = over("""
                <source/p> a atlas:Source . <source/q> a atlas:Source .
                <claim/weak> atlas:supports <claim/goal> . <claim/start> atlas:about <claim/weak> .
                <claim/strong> atlas:source <source/p> , <source/q> ; atlas:supports <claim/goal> .
                <claim/start> atlas:about <claim/strong> .
                <claim/against> atlas:source <source/p> , <source/q> ; atlas:disputes <claim/goal> .
                <claim/start> atlas:about <claim/against> .
                """);

        assertThat(shown(tracer.trace(request("claim/start", "claim/goal", 5, 2))))
                .containsExactly(
                        "claim/start -about-> claim/strong -supports-> claim/goal",
                        "claim/start -about-> claim/against -disputes-> claim/goal",
                        "claim/start -about-> claim/weak -supports-> claim/goal");
    }

    @Test
    void linkAndNodeTypesRestrictThePaths() {
        EvidenceTracer tracer = over("""
                <claim/a> atlas:supports <claim/b> . <claim/b> atlas:supports <claim/c> .
                <claim/a> atlas:about <phenomenon/p> . <phenomenon/p> atlas:partOf <claim/c> .
                <claim/b> a atlas:Claim . <phenomenon/p> a atlas:Phenomenon .
                """);

        TraceResult onlySupports = tracer.trace(
                new TraceRequest(id("claim/a"), id("claim/c"), 5, 5, Set.of(Atlas.supports.getURI()), Set.of()));
        TraceResult onlyPhenomena = tracer.trace(
                new TraceRequest(id("claim/a"), id("claim/c"), 5, 5, Set.of(), Set.of(Atlas.Phenomenon.getURI())));

        assertThat(shown(onlySupports)).containsExactly("claim/a -supports-> claim/b -supports-> claim/c");
        assertThat(shown(onlyPhenomena)).containsExactly("claim/a -about-> phenomenon/p -partOf-> claim/c");
    }

    @Test
    void whyShowsTheTreeTheBalanceAndWhatDetectorsAndLawChecksFound() {
        KnowledgeStore store = fresh();
        submit(store, turtle("""
                <source/s1> a atlas:Source . <source/s2> a atlas:Source . <source/s3> a atlas:Source .
                <claim/c> a atlas:Claim .
                <observation/o1> a atlas:Observation ; atlas:source <source/s1> ; atlas:supports <claim/c> .
                <claim/x> a atlas:Claim ; atlas:source <source/s3> ; atlas:disputes <claim/c> .
                <claim/y> a atlas:Claim ; atlas:qualifies <claim/c> .
                <lawcheck/l> a atlas:LawCheck ; atlas:supports <claim/c> .
                <claim/z> a atlas:Claim ; atlas:source <source/s3> ; atlas:disputes <observation/o1> .
                <claim/c> atlas:explains <claim/x> .
                """), ContributionMethod.MANUAL, ALICE, true);
        submit(
                store,
                turtle("""
                <observation/o2> a atlas:Observation ; atlas:source <source/s2> ; atlas:supports <observation/o1> .
                """),
                ContributionMethod.DETECTOR,
                new AgentRef(id("agent/grokking-detector"), "detector"),
                true);
        EvidenceTracer tracer = tracer(store);

        WhyAnswer why = tracer.why(WhyRequest.of(id("claim/c")));

        assertThat(why.evidence())
                .extracting(e -> e.stance().label() + " " + shorten(e.node()))
                .containsExactly(
                        "supports observation/o1", "supports lawcheck/l", "qualifies claim/y", "disputes claim/x");
        EvidenceItem o1 = why.evidence().get(0);
        assertThat(o1.observation()).isTrue();
        assertThat(o1.sources()).containsExactly(id("source/s1"));
        assertThat(o1.evidence())
                .extracting(e -> e.stance().label() + " " + shorten(e.node()))
                .containsExactly("supports observation/o2", "disputes claim/z");
        assertThat(o1.evidence().get(0).detectorResult()).isTrue();
        assertThat(why.evidence().get(1).lawCheck()).isTrue();
        EvidenceItem x = why.evidence().get(3);
        assertThat(x.evidence()).singleElement().satisfies(e -> {
            assertThat(e.node()).isEqualTo(id("claim/c"));
            assertThat(e.repeated()).isTrue();
            assertThat(e.evidence()).isEmpty();
        });
        Balance balance = why.balance();
        assertThat(balance.supporting().evidence())
                .containsExactly(id("lawcheck/l"), id("observation/o1"), id("observation/o2"));
        assertThat(balance.supporting().sources()).containsExactly(id("source/s1"), id("source/s2"));
        assertThat(balance.supporting().observations()).containsExactly(id("observation/o1"), id("observation/o2"));
        assertThat(balance.supporting().detectorResults()).containsExactly(id("observation/o2"));
        assertThat(balance.supporting().lawChecks()).containsExactly(id("lawcheck/l"));
        assertThat(balance.disputing().evidence()).containsExactly(id("claim/c"), id("claim/x"));
        assertThat(balance.disputing().sources()).containsExactly(id("source/s3"));
        assertThat(balance.qualifying().evidence()).containsExactly(id("claim/y"));
        assertThat(why.truncated()).isFalse();

        WhyAnswer shallow = tracer.why(new WhyRequest(id("claim/c"), 1, 2));
        assertThat(shallow.evidence())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.evidence()).isEmpty());
        assertThat(shallow.truncated()).isTrue();
    }

    @Test
    void theNeighbourhoodIsCutByDistanceThenIri() {
        EvidenceTracer tracer = over("""
                <claim/a> atlas:supports <claim/b> , <claim/c> , <claim/d> .
                <claim/b> atlas:supports <claim/e> . <claim/e> atlas:supports <claim/f> .
                """);

        Neighbourhood two = tracer.neighbourhood(new NeighbourhoodRequest(id("claim/a"), 2, Set.of(), Set.of(), 50));
        Neighbourhood cut = tracer.neighbourhood(new NeighbourhoodRequest(id("claim/a"), 2, Set.of(), Set.of(), 3));

        assertThat(two.nodes())
                .extracting(n -> shorten(n.iri()) + "@" + n.distance())
                .containsExactly("claim/a@0", "claim/b@1", "claim/c@1", "claim/d@1", "claim/e@2");
        assertThat(two.links()).hasSize(4);
        assertThat(two.truncated()).isFalse();
        assertThat(cut.nodes()).extracting(n -> shorten(n.iri())).containsExactly("claim/a", "claim/b", "claim/c");
        assertThat(cut.links()).hasSize(2);
        assertThat(cut.truncated()).isTrue();
    }

    // ---- a random graph, against the oracle ----

    @Test
    void randomGraphPathsAreExactlyTheOraclesFirstK() {
        PathOracle oracle = new PathOracle(random);
        Random pick = new Random(11);
        int compared = 0;
        int nonEmpty = 0;
        for (int i = 0; i < 100; i++) {
            String from = RandomKnowledge.node(pick.nextInt(150));
            String to = RandomKnowledge.node(pick.nextInt(150));
            if (from.equals(to)) {
                continue;
            }
            int k = 1 + pick.nextInt(8);
            int maxHops = 2 + pick.nextInt(4);
            Set<String> links = i % 3 == 0
                    ? Set.of(Atlas.supports.getURI(), Atlas.disputes.getURI(), Atlas.about.getURI())
                    : Set.of();
            Set<String> types = i % 5 == 0 ? Set.of(Atlas.Claim.getURI(), Atlas.Law.getURI()) : Set.of();
            List<String> expected = oracle.best(from, to, k, maxHops, links, types).stream()
                    .map(steps -> showSteps(from, steps))
                    .toList();

            TraceResult result = randomTracer.trace(new TraceRequest(from, to, k, maxHops, links, types));

            assertThat(shown(result))
                    .as("%s to %s, k=%d, maxHops=%d", from, to, k, maxHops)
                    .isEqualTo(expected);
            compared++;
            nonEmpty += expected.isEmpty() ? 0 : 1;
        }
        assertThat(compared).isGreaterThan(90);
        assertThat(nonEmpty).isGreaterThan(40);
    }

    @Test
    void randomGraphHopsCountTheSourcesTheOracleCounts() {
        PathOracle oracle = new PathOracle(random);

        TraceResult result = randomTracer.trace(TraceRequest.between(RandomKnowledge.node(1), RandomKnowledge.node(2)));

        assertThat(result.paths()).isNotEmpty();
        assertThat(result.paths().stream().flatMap(p -> p.hops().stream()))
                .allSatisfy(h -> assertThat(h.sources()).isEqualTo(oracle.sources(h.from())));
    }

    @Test
    void randomGraphNeighbourhoodsAreTheOraclesBalls() {
        PathOracle oracle = new PathOracle(random);
        for (int i = 0; i < 10; i++) {
            String centre = RandomKnowledge.node(i * 13);
            Map<String, Integer> expected = oracle.within(centre, 2);

            Neighbourhood around =
                    randomTracer.neighbourhood(new NeighbourhoodRequest(centre, 2, Set.of(), Set.of(), 2000));

            Map<String, Integer> actual = new LinkedHashMap<>();
            around.nodes().forEach(n -> actual.put(n.iri(), n.distance()));
            assertThat(actual).isEqualTo(expected);
        }
    }
}
