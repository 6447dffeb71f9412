package org.physicsofai.atlas.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.detect.LearningPhase;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.WhyRequest;

/**
 * The analysis of a fresh start over real TDB2 and DuckDB stores loaded with the whole seed as the
 * application loads it: the grokking detector labels the authors' phase-diagram runs from their recorded
 * steps, and the seed's law-check plan is checked per decoder learning rate.
 */
class KnowledgeAnalysisTest {

    static final String BASE = "http://localhost:8080/id/";
    static final String ID = "https://w3id.org/physics-of-ai/id/";
    static final String OMNIGROK = ID + "law/liu2022omni-grokking-time-vs-weight-decay";
    static final String CLAMPED = ID + "law/truong2026-clamped-norm-delay";
    static final String PLAN = ID + "plan/omnigrok-grokking-time-over-toy-addition-phase-diagram";
    static final String PHASE_DIAGRAM = ID + "experiment/liu2022eff-toy-addition-phase-diagram";
    static final String T_TEST = ID + "observable/steps-to-test-threshold";
    static final String WEIGHT_DECAY = ID + "variable/weight-decay";
    static final String LEARNING_RATE = ID + "variable/decoder-learning-rate";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/analysis", "knowledge analysis");

    @TempDir
    Path directory;

    KnowledgeStore store;
    SeriesStore series;
    ContributionService contributions;
    LawChecker checker;
    KnowledgeAnalysis analysis;

    @BeforeEach
    void open() throws IOException {
        start();
        loadSeed(store, contributions);
    }

    /** Loads the ontology and every seed file as the application loads them on a fresh start. */
    static void loadSeed(KnowledgeStore store, ContributionService contributions) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(Path.of("../seed-data/knowledge"))) {
            for (Path f :
                    list.filter(p -> p.toString().endsWith(".ttl")).sorted().toList()) {
                files.put("seed-data/knowledge/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        SeedLoader loader = new SeedLoader(store, contributions, "atlas test");
        loader.loadOntology();
        loader.load(SeedLoader.SEED_DATA, files);
    }

    void start() {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), BASE);
        series = new DuckDbSeriesStore(directory.resolve("series.duckdb"));
        contributions = new ContributionService(store);
        checker = new LawChecker(store, contributions, BASE);
        analysis = new KnowledgeAnalysis(
                new GrokkingDetection(store, contributions, series, BASE),
                GrokkingDetector.DEFAULT,
                new LawCheckPlans(store, checker),
                AGENT);
    }

    @AfterEach
    void close() {
        series.close();
        store.close();
    }

    int contributionCount() {
        return store.contributions(new ContributionFilter(null, null, null, 100_000))
                .size();
    }

    /** The authors' data, read from the seed file: per run its learning rate, weight decay, t_test and label. */
    static Map<String, double[]> authorsRuns(Map<String, String> labels) {
        Model seed = ModelFactory.createDefaultModel();
        RDFParser.source(Path.of("../seed-data/knowledge/phase-diagram.ttl"))
                .lang(Lang.TURTLE)
                .parse(seed);
        Map<String, double[]> runs = new TreeMap<>();
        try (var exec = QueryExecutionFactory.create("""
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                SELECT ?run ?lr ?wd ?t ?label WHERE {
                  ?run a atlas:Run ; atlas:exhibits ?label ;
                       atlas:hasConfig ?a , ?b .
                  ?a atlas:variable <%s> ; atlas:configValue ?lr .
                  ?b atlas:variable <%s> ; atlas:configValue ?wd .
                  OPTIONAL { ?o atlas:run ?run ; atlas:observable <%s> ; atlas:value ?t }
                }""".formatted(LEARNING_RATE, WEIGHT_DECAY, T_TEST), seed)) {
            exec.execSelect().forEachRemaining((QuerySolution row) -> {
                String run = row.getResource("run").getURI();
                runs.put(run, new double[] {
                    row.getLiteral("lr").getDouble(),
                    row.getLiteral("wd").getDouble(),
                    row.contains("t") ? row.getLiteral("t").getDouble() : Double.NaN
                });
                labels.put(run, row.getResource("label").getURI());
            });
        }
        return runs;
    }

    @Test
    void aFreshStartLabelsThePhaseDiagramRunsAndMakesThePlannedChecksAndARestartAddsNothing() {
        int before = contributionCount();
        KnowledgeAnalysis.Report report = analysis.run();

        // the detector's labels of the 121 runs equal the authors' labels run by run
        Map<String, String> published = new TreeMap<>();
        Map<String, double[]> runs = authorsRuns(published);
        assertThat(runs).hasSize(121);
        assertThat(report.phases().runs()).hasSize(121);
        assertThat(report.phases().created()).isEqualTo(121);
        Map<LearningPhase, Integer> counts = new TreeMap<>();
        for (GrokkingDetection.RunDetection r : report.phases().runs()) {
            assertThat(r.result().phase().phenomenon()).as(r.run()).isEqualTo(published.get(r.run()));
            counts.merge(r.result().phase(), 1, Integer::sum);
        }
        assertThat(counts)
                .containsEntry(LearningPhase.COMPREHENSION, 17)
                .containsEntry(LearningPhase.GROKKING, 16)
                .containsEntry(LearningPhase.MEMORIZATION, 49)
                .containsEntry(LearningPhase.CONFUSION, 39);
        // each label is a detector observation derived from the recorded steps
        String sample = ID + "run/liu2022eff-pd-lr00-wd05";
        Graph all = everything();
        List<Node> phases = all.find(Node.ANY, Atlas.run.asNode(), NodeFactory.createURI(sample))
                .mapWith(t -> t.getSubject())
                .filterKeep(o -> all.contains(o, Atlas.detectedBy.asNode(), Node.ANY)
                        && all.contains(o, Atlas.indicates.asNode(), Node.ANY))
                .toList();
        assertThat(phases).hasSize(1);
        assertThat(all.find(phases.get(0), Atlas.indicates.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject().getURI())
                        .toList())
                .containsExactly(ID + "phenomenon/grokking");
        assertThat(all.find(phases.get(0), NodeFactory.createURI("http://www.w3.org/ns/prov#wasDerivedFrom"), Node.ANY)
                        .toList())
                .hasSize(2);

        // the plan: no run records an initialisation scale, so none lies inside the law's stated regime (a
        // large initial weight norm, alpha > 1): one check says the law is not testable with this data
        LawCheckPlans.Report checks = report.checks();
        assertThat(checks.of(LawCheckPlans.Kind.REFUSED)).isEmpty();
        assertThat(checks.of(LawCheckPlans.Kind.OUT_OF_DOMAIN)).isEmpty();
        assertThat(checks.of(LawCheckPlans.Kind.CHECKED)).singleElement().satisfies(o -> {
            LawChecker.Result r = o.result();
            assertThat(o.slice()).isNull();
            assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.NOT_TESTABLE);
            assertThat(r.fit()).isNull();
            assertThat(r.runs()).isEmpty();
            assertThat(r.outside()).hasSize(121).containsOnlyKeys(runs.keySet());
            assertThat(r.outside().values()).containsOnly("records no value of init-scale (the regime needs > 1)");
            assertThat(o.line())
                    .isEqualTo(PLAN + ": not testable with this data over 0 run(s) (121 outside the regime), new "
                            + r.contribution());
        });
        LawChecker.Result notTestable =
                checks.of(LawCheckPlans.Kind.CHECKED).get(0).result();
        Graph now = everything();
        Node check = NodeFactory.createURI(notTestable.check());
        assertThat(now.contains(check, Atlas.verdict.asNode(), Atlas.notTestable.asNode()))
                .isTrue();
        assertThat(now.contains(check, Atlas.followsPlan.asNode(), NodeFactory.createURI(PLAN)))
                .isTrue();
        assertThat(now.find(check, Atlas.outsideRegime.asNode(), Node.ANY).toList())
                .hasSize(121);
        assertThat(now.find(check, Atlas.usesData.asNode(), Node.ANY).toList()).isEmpty();
        // neither supports nor disputes the law
        assertThat(now.find(check, Atlas.supports.asNode(), Node.ANY).toList()).isEmpty();
        assertThat(now.find(check, Atlas.disputes.asNode(), Node.ANY).toList()).isEmpty();
        assertThat(now.find(check, SKOS.prefLabel.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject().getLiteralLexicalForm())
                        .toList())
                .containsExactlyInAnyOrder(
                        "Check of t_grok = k / gamma over 0 runs: not testable with this data (121 runs"
                                + " outside the regime)",
                        "对 t_grok = k / gamma 在 0 次运行上的检验：无法用这些数据检验（适用范围之外 121 次运行）");
        assertThat(contributionCount()).isEqualTo(before + 121 + 1);

        // the law's why answer holds no law check: data outside the regime is not evidence either way
        var why = new InStoreEvidenceTracer(store).why(WhyRequest.of(OMNIGROK));
        assertThat(why.balance().disputing().lawChecks()).isEmpty();
        assertThat(why.balance().supporting().lawChecks()).isEmpty();

        // the re-checker, told of the detector's output, makes the same check and stores nothing
        LawRechecker.Round round = new LawRechecker(store, checker, AGENT, Duration.ofMillis(10), null)
                .recheck(report.phases().runs().stream()
                        .map(GrokkingDetection.RunDetection::contribution)
                        .toList());
        assertThat(round.results()).singleElement().satisfies(r -> {
            assertThat(r.created()).isFalse();
            assertThat(r.check()).isEqualTo(notTestable.check());
        });

        // the same check made by hand is a check of its own: the plan's keeps its plan and is not superseded
        LawChecker.Result byHand =
                checker.check(OMNIGROK, PHASE_DIAGRAM, Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(byHand.created()).isTrue();
        assertThat(byHand.check()).isNotEqualTo(notTestable.check());
        Graph afterHand = everything();
        assertThat(afterHand.contains(check, Atlas.followsPlan.asNode(), NodeFactory.createURI(PLAN)))
                .isTrue();
        assertThat(afterHand.contains(NodeFactory.createURI(byHand.check()), Atlas.followsPlan.asNode(), Node.ANY))
                .isFalse();

        // a restart over the same data directory with the same seed stores nothing new
        int after = contributionCount();
        close();
        start();
        KnowledgeAnalysis.Report again = analysis.run();
        assertThat(again.created()).isZero();
        assertThat(again.phases().runs()).hasSize(121);
        assertThat(again.checks().of(LawCheckPlans.Kind.CHECKED)).hasSize(1);
        assertThat(contributionCount()).isEqualTo(after);
        assertThat(again.lines().get(0)).contains("121 run(s) labelled").contains("0 new result(s)");
    }

    @Test
    void runsInsideTheRegimeAreCheckedPerLearningRateAndSupersedeTheCheckThatWasNotTestable()
            throws ValidationException {
        KnowledgeAnalysis.Report report = analysis.run();
        String notTestable =
                report.checks().of(LawCheckPlans.Kind.CHECKED).get(0).result().check();
        Map<String, String> published = new TreeMap<>();
        Map<String, double[]> runs = authorsRuns(published);
        // a curator records that the experiment started from init scale 8 (as Omnigrok's MNIST runs did):
        // every run is inside the regime, and the plan checks the law per learning rate
        Graph g = GraphFactory.createDefaultGraph();
        Node setting = NodeFactory.createURI(BASE + "config/pd-init-scale");
        g.add(NodeFactory.createURI(PHASE_DIAGRAM), Atlas.hasConfig.asNode(), setting);
        g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString("init_scale"));
        g.add(setting, Atlas.variable.asNode(), NodeFactory.createURI(ID + "variable/init-scale"));
        g.add(setting, Atlas.configValue.asNode(), NodeFactory.createLiteralDT("8.0", XSDDatatype.XSDdouble));
        store.submit(new NewContribution(g, ContributionMethod.MANUAL, AGENT, null, null, null, List.of(), true));
        int before = contributionCount();
        LawCheckPlans.Report checks = new LawCheckPlans(store, checker).checkAll(AGENT);
        Graph all = everything();
        // the plan: one check per decoder learning rate with data, the others out of domain
        assertThat(checks.of(LawCheckPlans.Kind.REFUSED)).isEmpty();
        assertThat(checks.of(LawCheckPlans.Kind.OUT_OF_DOMAIN))
                .hasSize(7)
                .allSatisfy(o -> assertThat(o.problem())
                        .isEqualTo(
                                "no run of this group has a value of [t_grok]; checking needs at least (parameters + 2)"
                                        + " runs with positive values"));
        assertThat(checks.of(LawCheckPlans.Kind.OUT_OF_DOMAIN).get(0).line())
                .isEqualTo(PLAN + " [decoder-learning-rate = 0.000631]: out of domain: no run of this group has a"
                        + " value of [t_grok]; checking needs at least (parameters + 2) runs with positive values");
        List<LawCheckPlans.Outcome> made = checks.of(LawCheckPlans.Kind.CHECKED);
        assertThat(made).hasSize(4);
        for (LawCheckPlans.Outcome o : made) {
            // independently: the runs of this learning rate with a test step and a positive weight decay
            List<double[]> points = new ArrayList<>();
            runs.values().stream()
                    .filter(v -> Math.abs(v[0] - o.slice().value()) < 1e-12 && v[1] > 0 && !Double.isNaN(v[2]))
                    .forEach(v -> points.add(new double[] {v[2], v[1]}));
            LawChecker.Result r = o.result();
            assertThat(r.runs()).hasSize(points.size());
            assertThat(r.created()).isTrue();
            double logK = points.stream()
                    .mapToDouble(p -> Math.log(p[0] * p[1]))
                    .average()
                    .orElseThrow();
            assertThat(r.fit().estimate("k").value()).isCloseTo(Math.exp(logK), within(Math.exp(logK) * 1e-6));
            double mean =
                    points.stream().mapToDouble(p -> Math.log(p[0])).average().orElseThrow();
            double rss = points.stream()
                    .mapToDouble(p -> Math.pow(Math.log(p[0]) - (logK - Math.log(p[1])), 2))
                    .sum();
            double tss = points.stream()
                    .mapToDouble(p -> Math.pow(Math.log(p[0]) - mean, 2))
                    .sum();
            assertThat(r.fit().rSquared()).isCloseTo(1 - rss / tss, within(1e-9));
            // within every learning rate the test step grows with the weight decay: the form fails
            assertThat(r.fit().rSquared()).isLessThan(LawChecker.INCONSISTENT_R2);
            assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.INCONSISTENT);
            assertThat(all.contains(
                            NodeFactory.createURI(r.check()), Atlas.followsPlan.asNode(), NodeFactory.createURI(PLAN)))
                    .isTrue();
            assertThat(all.contains(
                            NodeFactory.createURI(r.check()), Atlas.disputes.asNode(), NodeFactory.createURI(OMNIGROK)))
                    .isTrue();
        }
        assertThat(made.stream().map(o -> o.result().runs().size()).toList()).containsExactly(9, 9, 9, 3);
        assertThat(made.get(0).result().check())
                .isNotEqualTo(made.get(1).result().check());
        assertThat(contributionCount()).isEqualTo(before + 4);
        // the check that was not testable is superseded: accepted knowledge no longer holds it
        assertThat(all.find(NodeFactory.createURI(notTestable), Node.ANY, Node.ANY)
                        .toList())
                .isEmpty();

        // the checks are in the law's why answer, each labelled with its learning rate
        var why = new InStoreEvidenceTracer(store).why(WhyRequest.of(OMNIGROK));
        for (LawCheckPlans.Outcome o : made) {
            assertThat(why.evidence()).anySatisfy(item -> {
                assertThat(item.node()).isEqualTo(o.result().check());
                assertThat(item.lawCheck()).isTrue();
            });
        }
        assertThat(all.find(NodeFactory.createURI(made.get(0).result().check()), SKOS.prefLabel.asNode(), Node.ANY)
                        .mapWith(t -> t.getObject().getLiteralLexicalForm())
                        .toList())
                .contains("Check of t_grok = k / gamma over 9 runs (decoder learning rate = 0.0001): inconsistent")
                .hasSize(2)
                .anySatisfy(label -> assertThat(label)
                        .startsWith("对 t_grok = k / gamma 在 9 次运行上的检验（")
                        .endsWith("）：不一致"));

        // the re-checker, told of the detector's output, makes the same checks and stores nothing
        LawRechecker.Round round = new LawRechecker(store, checker, AGENT, Duration.ofMillis(10), null)
                .recheck(report.phases().runs().stream()
                        .map(GrokkingDetection.RunDetection::contribution)
                        .toList());
        assertThat(round.results()).hasSize(4);
        assertThat(round.results()).noneMatch(LawChecker.Result::created);
        assertThat(round.results().stream().map(LawChecker.Result::check).toList())
                .containsExactlyInAnyOrderElementsOf(
                        made.stream().map(o -> o.result().check()).toList());
    }

    Graph everything() {
        return store.query(
                QueryFactory.create("CONSTRUCT WHERE { ?s ?p ?o }"), Duration.ofSeconds(30), e -> e.construct());
    }

    /** A plan of the curator's, submitted as any contributor would. */
    String plan(String name, String law, Map<String, String> bindings) throws ValidationException {
        Graph g = GraphFactory.createDefaultGraph();
        Node plan = NodeFactory.createURI(BASE + "plan/" + name);
        g.add(plan, RDF.type.asNode(), Atlas.LawCheckPlan.asNode());
        g.add(plan, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("Plan " + name, "en"));
        g.add(plan, Atlas.plansCheckOf.asNode(), NodeFactory.createURI(law));
        g.add(plan, Atlas.checkedAgainst.asNode(), NodeFactory.createURI(PHASE_DIAGRAM));
        bindings.forEach((symbol, bound) -> {
            Node setting = NodeFactory.createURI(BASE + "config/" + name + "-" + symbol);
            g.add(plan, Atlas.hasConfig.asNode(), setting);
            g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString("binding:" + symbol));
            g.add(setting, Atlas.boundTo.asNode(), NodeFactory.createURI(bound));
        });
        contributions.submit(
                "plan " + name,
                new NewContribution(g, ContributionMethod.MANUAL, AGENT, null, null, null, List.of(), true));
        return plan.getURI();
    }

    @Test
    void aPlanWithASymbolBoundToNothingInTheExperimentIsReportedAndStoresNothing() throws ValidationException {
        LawCheckPlans plans = new LawCheckPlans(store, checker);
        String unbound = plan(
                "clamped-over-phase-diagram", CLAMPED, Map.of("T_grok", T_TEST, "rho", ID + "variable/init-scale"));
        String missing = plan("omnigrok-without-gamma", OMNIGROK, Map.of("t_grok", T_TEST));
        int before = contributionCount();

        List<LawCheckPlans.Outcome> first = plans.check(
                plans.plans().stream()
                        .filter(p -> p.iri().equals(unbound))
                        .findFirst()
                        .orElseThrow(),
                AGENT);
        assertThat(first).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(LawCheckPlans.Kind.REFUSED);
            assertThat(o.problem())
                    .isEqualTo("the symbol rho is bound to " + ID + "variable/init-scale, which no run of "
                            + PHASE_DIAGRAM + " has a value of (no observation of it with a value, no configuration"
                            + " value for it; 121 run(s) looked at)");
            assertThat(o.line()).startsWith(unbound + ": cannot be checked: the symbol rho");
        });
        List<LawCheckPlans.Outcome> second = plans.check(
                plans.plans().stream()
                        .filter(p -> p.iri().equals(missing))
                        .findFirst()
                        .orElseThrow(),
                AGENT);
        assertThat(second).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(LawCheckPlans.Kind.REFUSED);
            assertThat(o.problem()).contains("gamma").contains("bound to no observable or variable");
        });
        assertThat(contributionCount()).isEqualTo(before);

        // the checker itself names the symbol, the IRI and the experiment
        assertThatThrownBy(() -> checker.check(
                        CLAMPED,
                        PHASE_DIAGRAM,
                        Map.of("T_grok", T_TEST, "rho", ID + "variable/init-scale"),
                        AGENT,
                        true))
                .isInstanceOf(LawChecker.UnboundSymbolException.class)
                .hasMessageContaining("The symbol rho of " + CLAMPED + " is bound to " + ID + "variable/init-scale")
                .hasMessageContaining("which no run of " + PHASE_DIAGRAM);
        assertThat(contributionCount()).isEqualTo(before);
    }

    @Test
    void aBindingToSomethingOtherThanAnObservableOrVariableIsRefused() {
        int before = contributionCount();
        assertThatThrownBy(() -> plan("bound-to-a-phenomenon", OMNIGROK, Map.of("t_grok", ID + "phenomenon/grokking")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("bound to");
        assertThat(contributionCount()).isEqualTo(before);
    }
}
