package org.physicsofai.atlas.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionStatus;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.WhyRequest;

/** Law checks over a real TDB2 store holding the whole seed. */
class LawCheckerTest {

    static final String BASE = "http://localhost:8080/id/";
    static final String ID = "https://w3id.org/physics-of-ai/id/";
    static final String OMNIGROK = ID + "law/liu2022omni-grokking-time-vs-weight-decay";
    static final String CLAMPED = ID + "law/truong2026-clamped-norm-delay";
    static final String T_TEST = ID + "observable/steps-to-test-threshold";
    static final String WEIGHT_DECAY = ID + "variable/weight-decay";
    static final String PHASE_DIAGRAM = ID + "experiment/liu2022eff-toy-addition-phase-diagram";
    static final AgentRef AGENT = new AgentRef(BASE + "agent/test", "test");

    @TempDir
    Path directory;

    KnowledgeStore store;
    LawChecker checker;

    @BeforeEach
    void open() throws IOException {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), BASE);
        Graph seed = GraphFactory.createDefaultGraph();
        try (Stream<Path> files = Files.list(Path.of("../seed-data/knowledge"))) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".ttl")).sorted().toList()) {
                RDFParser.source(f).lang(Lang.TURTLE).parse(seed);
            }
        }
        store.submit(new NewContribution(
                seed, ContributionMethod.SEED, AgentRef.CURATORS, null, null, null, List.of(), true));
        checker = new LawChecker(store, new ContributionService(store), BASE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Adds runs of a new experiment with one observed value and one configured value each. */
    void experiment(String name, String observable, String variable, double[] x, double[] y) {
        experiment(name, observable, variable, x, y, 0);
    }

    void experiment(String name, String observable, String variable, double[] x, double[] y, int first) {
        experiment(name, observable, variable, x, y, first, null);
    }

    /**
     * @param init each run's initialisation scale, or {@code null} for an experiment that holds it fixed at
     *     8 (inside the Omnigrok law's regime, as the paper's MNIST runs); every such experiment holds its
     *     optimizer fixed at AdamW, as the paper's runs
     */
    void experiment(String name, String observable, String variable, double[] x, double[] y, int first, double[] init) {
        Graph g = GraphFactory.createDefaultGraph();
        Node exp = NodeFactory.createURI(BASE + "experiment/" + name);
        g.add(exp, RDF.type.asNode(), Atlas.Experiment.asNode());
        optimizer(g, exp, NodeFactory.createURI(BASE + "config/" + name + "-optimizer"), "AdamW");
        if (init == null) {
            setting(g, exp, NodeFactory.createURI(BASE + "config/" + name + "-init-scale"), 8.0);
        }
        for (int j = 0; j < x.length; j++) {
            int i = j + first;
            Node run = NodeFactory.createURI(BASE + "run/" + name + "-" + i);
            Node cfg = NodeFactory.createURI(BASE + "config/" + name + "-" + i);
            Node obs = NodeFactory.createURI(BASE + "observation/" + name + "-" + i);
            g.add(run, RDF.type.asNode(), Atlas.Run.asNode());
            g.add(run, Atlas.partOf.asNode(), exp);
            g.add(run, Atlas.hasConfig.asNode(), cfg);
            if (init != null) {
                setting(g, run, NodeFactory.createURI(BASE + "config/" + name + "-" + i + "-init-scale"), init[j]);
            }
            g.add(cfg, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(cfg, Atlas.configKey.asNode(), NodeFactory.createLiteralString("x"));
            g.add(cfg, Atlas.configValue.asNode(), dbl(x[j]));
            g.add(cfg, Atlas.variable.asNode(), NodeFactory.createURI(variable));
            g.add(obs, RDF.type.asNode(), Atlas.Observation.asNode());
            g.add(obs, Atlas.run.asNode(), run);
            g.add(obs, Atlas.observable.asNode(), NodeFactory.createURI(observable));
            g.add(obs, Atlas.value.asNode(), dbl(y[j]));
        }
        store.submit(new NewContribution(g, ContributionMethod.MANUAL, AGENT, null, null, null, List.of(), true));
    }

    static void setting(Graph g, Node owner, Node setting, double initScale) {
        g.add(owner, Atlas.hasConfig.asNode(), setting);
        g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString("init_scale"));
        g.add(setting, Atlas.configValue.asNode(), dbl(initScale));
        g.add(setting, Atlas.variable.asNode(), NodeFactory.createURI(ID + "variable/init-scale"));
    }

    static void optimizer(Graph g, Node owner, Node setting, String name) {
        g.add(owner, Atlas.hasConfig.asNode(), setting);
        g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString("optimizer"));
        g.add(setting, Atlas.configValue.asNode(), NodeFactory.createLiteralString(name));
        g.add(setting, Atlas.variable.asNode(), NodeFactory.createURI(ID + "variable/optimizer"));
    }

    static Node dbl(double v) {
        return NodeFactory.createLiteralDT(Double.toString(v), XSDDatatype.XSDdouble);
    }

    List<Node> objects(String s, org.apache.jena.rdf.model.Property p) {
        Graph all = store.query(
                QueryFactory.create("CONSTRUCT WHERE { ?s ?p ?o }"), Duration.ofSeconds(30), e -> e.construct());
        return all.find(NodeFactory.createURI(s), p.asNode(), Node.ANY)
                .mapWith(t -> t.getObject())
                .toList();
    }

    @Test
    void aLawThatHoldsInTheDataIsConsistentWithItsConstantRecovered() {
        Random random = new Random(3);
        double[] gamma = new double[12];
        double[] t = new double[12];
        for (int i = 0; i < gamma.length; i++) {
            gamma[i] = Math.pow(10, -2 + 2.0 * i / 11);
            t[i] = 500 / gamma[i] * Math.exp(0.1 * random.nextGaussian());
        }
        experiment("wd-sweep", T_TEST, WEIGHT_DECAY, gamma, t);
        LawChecker.Result r = checker.check(
                OMNIGROK, BASE + "experiment/wd-sweep", Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(r.runs()).hasSize(12);
        assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.CONSISTENT);
        assertThat(r.fit().estimate("k").covers(500)).isTrue();
        assertThat(r.created()).isTrue();
        assertThat(objects(r.check(), Atlas.verdict)).containsExactly(Atlas.consistent.asNode());
        assertThat(objects(r.check(), Atlas.supports)).containsExactly(NodeFactory.createURI(OMNIGROK));
        assertThat(objects(r.check(), Atlas.usesData)).hasSize(12);
        assertThat(objects(r.check(), Atlas.fittedParameter)).hasSize(1);
        assertThat(objects(r.check() + "-k", Atlas.value)).hasSize(1);

        // the check shows in the law's "why" evidence
        var why = new InStoreEvidenceTracer(store).why(WhyRequest.of(OMNIGROK));
        assertThat(why.evidence()).anySatisfy(item -> {
            assertThat(item.node()).isEqualTo(r.check());
            assertThat(item.lawCheck()).isTrue();
        });

        // the same check again stores nothing; new data supersedes it
        assertThat(checker.check(
                                OMNIGROK,
                                BASE + "experiment/wd-sweep",
                                Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY),
                                AGENT,
                                true)
                        .created())
                .isFalse();
        experiment("wd-sweep", T_TEST, WEIGHT_DECAY, new double[] {3.0}, new double[] {170.0}, 12);
        LawChecker.Result again = checker.check(
                OMNIGROK, BASE + "experiment/wd-sweep", Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(again.created()).isTrue();
        assertThat(store.contributions(
                        new ContributionFilter(ContributionStatus.SUPERSEDED, ContributionMethod.DETECTOR, null, 10)))
                .extracting(c -> c.iri())
                .containsExactly(r.contribution());
    }

    @Test
    void aPublishedValueOutsideTheIntervalDisputesTheLaw() {
        String rho = BASE + "variable/rho";
        String delay = ID + "observable/grokking-delay";
        double[] x = new double[15];
        double[] steady = new double[15];
        double[] other = new double[15];
        Random random = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 + 0.05 * i;
            double noise = Math.exp(0.05 * random.nextGaussian());
            steady[i] = 20 * Math.exp(7.5 * x[i]) * noise;
            other[i] = 20 * Math.exp(5.0 * x[i]) * noise;
        }
        experiment("clamped-a", delay, rho, x, steady);
        experiment("clamped-b", delay, rho, x, other);
        Map<String, String> bindings = Map.of("T_grok", delay, "rho", rho);
        LawChecker.Result a = checker.check(CLAMPED, BASE + "experiment/clamped-a", bindings, AGENT, true);
        LawChecker.Result b = checker.check(CLAMPED, BASE + "experiment/clamped-b", bindings, AGENT, true);
        assertThat(a.published()).containsEntry("alpha", 7.5);
        assertThat(a.verdict()).isEqualTo(LawChecker.Verdict.CONSISTENT);
        assertThat(a.fit().estimate("alpha").value()).isCloseTo(7.5, within(0.3));
        assertThat(b.verdict()).isEqualTo(LawChecker.Verdict.INCONSISTENT);
        assertThat(b.reason()).contains("[alpha]");
        assertThat(objects(b.check(), Atlas.disputes)).containsExactly(NodeFactory.createURI(CLAMPED));
    }

    @Test
    void dataOutsideTheDomainIsRefusedAndNothingIsStored() {
        experiment("no-wd", T_TEST, WEIGHT_DECAY, new double[] {0, 0, 0, 0}, new double[] {10, 20, 30, 40});
        assertThatThrownBy(() -> checker.check(
                        OMNIGROK,
                        BASE + "experiment/no-wd",
                        Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY),
                        AGENT,
                        true))
                .isInstanceOf(LawChecker.OutOfDomainException.class)
                .hasMessageContaining("has 0 run(s) with positive values of [t_grok, gamma]");
        assertThatThrownBy(
                        () -> checker.check(OMNIGROK, BASE + "experiment/no-wd", Map.of("t_grok", T_TEST), AGENT, true))
                .hasMessageContaining("variable gamma is bound to no observable");
        assertThat(store.contributions(new ContributionFilter(null, ContributionMethod.DETECTOR, null, 10)))
                .isEmpty();
    }

    /**
     * The authors' phase-diagram runs record no initialisation scale, so none lies inside the Omnigrok law's
     * stated regime (a large initial weight norm): the law is not testable with this data, and the check
     * neither supports nor disputes it.
     */
    @Test
    void theSeedPhaseDiagramLiesOutsideTheOmnigrokLawsRegimeSoTheLawIsNotTestableWithIt() {
        assertThat(checker.regime(OMNIGROK)).hasSize(2);
        assertThat(checker.regime(OMNIGROK).get(0)).satisfies(c -> {
            assertThat(c.variable()).isEqualTo(ID + "variable/optimizer");
            assertThat(c.categorical()).isTrue();
            assertThat(c.oneOf()).containsExactly("AdamW");
            assertThat(c.bounds()).isEqualTo("one of AdamW");
            assertThat(c.holds("adamw")).isTrue();
            assertThat(c.holds("SGD")).isFalse();
            assertThat(c.holds(1)).isFalse();
        });
        assertThat(checker.regime(OMNIGROK).get(1)).satisfies(c -> {
            assertThat(c.variable()).isEqualTo(ID + "variable/init-scale");
            assertThat(c.categorical()).isFalse();
            assertThat(c.greaterThan()).isEqualTo(1.0);
            assertThat(c.bounds()).isEqualTo("> 1");
            assertThat(c.holds(8)).isTrue();
            assertThat(c.holds(1)).isFalse();
        });
        LawChecker.Result r =
                checker.check(OMNIGROK, PHASE_DIAGRAM, Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.NOT_TESTABLE);
        assertThat(r.fit()).isNull();
        assertThat(r.runs()).isEmpty();
        assertThat(r.outside()).hasSize(121);
        assertThat(r.reason())
                .isEqualTo("none of the 121 run(s) lies inside the law's stated regime (Training with AdamW, whose"
                        + " decoupled weight decay gamma the law's time scale follows.; Starting from a large weight"
                        + " norm: initialisation scale alpha above 1 (the default initialisation).)");
        // the phase diagram holds AdamW fixed: its runs are outside for their initialisation alone
        assertThat(r.outside().values()).containsOnly("records no value of init-scale (the regime needs > 1)");
        assertThat(objects(r.check(), Atlas.verdict)).containsExactly(Atlas.notTestable.asNode());
        assertThat(objects(r.check(), Atlas.outsideRegime)).hasSize(121);
        assertThat(objects(r.check(), Atlas.supports)).isEmpty();
        assertThat(objects(r.check(), Atlas.disputes)).isEmpty();
        assertThat(objects(r.check(), org.apache.jena.vocabulary.RDFS.comment))
                .singleElement()
                .satisfies(n -> assertThat(n.getLiteralLexicalForm())
                        .startsWith("Not testable with this data: none of the 121 run(s)")
                        .contains("121 run(s) outside the law's stated regime")
                        .contains("neither support nor dispute the law"));
        // made again: nothing new
        assertThat(checker.check(OMNIGROK, PHASE_DIAGRAM, Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true)
                        .created())
                .isFalse();
    }

    /**
     * Runs inside the regime are the data; runs outside it (a small initialisation scale, or none recorded)
     * are left out and listed, whatever their values say.
     */
    @Test
    void onlyTheRunsInsideTheRegimeCountAndTheOthersAreListedAsOutsideIt() {
        Random random = new Random(11);
        int n = 16;
        double[] gamma = new double[n];
        double[] t = new double[n];
        double[] init = new double[n];
        for (int i = 0; i < n; i++) {
            gamma[i] = Math.pow(10, -2 + 2.0 * (i / 2) / 7);
            boolean inside = i % 2 == 0;
            init[i] = inside ? 8 : 1;
            // inside: t = 500 / gamma; outside: time grows with the weight decay, as in the phase diagram
            t[i] = (inside ? 500 / gamma[i] : 2000 * gamma[i]) * Math.exp(0.05 * random.nextGaussian());
        }
        experiment("mixed-init", T_TEST, WEIGHT_DECAY, gamma, t, 0, init);
        LawChecker.Result r = checker.check(
                OMNIGROK, BASE + "experiment/mixed-init", Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(r.runs())
                .hasSize(8)
                .allMatch(run -> Integer.parseInt(run.substring(run.lastIndexOf('-') + 1)) % 2 == 0);
        assertThat(r.outside()).hasSize(8);
        assertThat(r.outside().values()).containsOnly("init-scale = 1, the regime needs > 1");
        assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.CONSISTENT);
        assertThat(r.fit().estimate("k").covers(500)).isTrue();
        assertThat(objects(r.check(), Atlas.supports)).containsExactly(NodeFactory.createURI(OMNIGROK));
        assertThat(objects(r.check(), Atlas.outsideRegime)).hasSize(8);
        assertThat(objects(r.check(), Atlas.usesData)).hasSize(8);
        assertThat(objects(r.check(), org.apache.jena.vocabulary.RDFS.comment))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.getLiteralLexicalForm()).contains("8 run(s) outside the law's stated regime"));
        // a law that states no regime condition uses every run
        assertThat(checker.regime(CLAMPED)).isEmpty();
    }

    /**
     * A categorical part of the regime (the Omnigrok law is stated for AdamW): runs trained with another
     * optimizer are outside whatever their values, and a run's own optimizer comes before its experiment's.
     */
    @Test
    void runsTrainedWithAnotherOptimizerAreOutsideTheRegime() {
        int n = 12;
        double[] gamma = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            gamma[i] = Math.pow(10, -2 + 2.0 * i / (n - 1));
            t[i] = (i % 3 == 0 ? 30 * gamma[i] : 400 / gamma[i]) * Math.exp(0.05 * Math.sin(7.0 * i));
        }
        experiment("optimizers", T_TEST, WEIGHT_DECAY, gamma, t);
        Graph sgd = GraphFactory.createDefaultGraph();
        for (int i = 0; i < n; i += 3) {
            optimizer(
                    sgd,
                    NodeFactory.createURI(BASE + "run/optimizers-" + i),
                    NodeFactory.createURI(BASE + "config/optimizers-" + i + "-optimizer"),
                    "SGD");
        }
        store.submit(new NewContribution(sgd, ContributionMethod.MANUAL, AGENT, null, null, null, List.of(), true));
        LawChecker.Result r = checker.check(
                OMNIGROK, BASE + "experiment/optimizers", Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY), AGENT, true);
        assertThat(r.outside()).hasSize(4);
        assertThat(r.outside().values()).containsOnly("optimizer = SGD, the regime needs one of AdamW");
        assertThat(r.runs()).hasSize(8);
        assertThat(r.verdict()).isEqualTo(LawChecker.Verdict.CONSISTENT);
        assertThat(r.fit().estimate("k").covers(400)).isTrue();
        assertThat(objects(r.check(), Atlas.outsideRegime)).hasSize(4);
    }

    @Test
    void newRunsInALawsDomainSupersedeItsCheckOffTheCommittingThreadAndOtherDataLeavesItAlone() throws Exception {
        Random random = new Random(5);
        double[] gamma = new double[8];
        double[] t = new double[8];
        for (int i = 0; i < gamma.length; i++) {
            gamma[i] = Math.pow(10, -2 + 2.0 * i / 7);
            t[i] = 500 / gamma[i] * Math.exp(0.1 * random.nextGaussian());
        }
        experiment("recheck-sweep", T_TEST, WEIGHT_DECAY, gamma, t);
        Map<String, String> bindings = Map.of("t_grok", T_TEST, "gamma", WEIGHT_DECAY);
        LawChecker.Result first = checker.check(OMNIGROK, BASE + "experiment/recheck-sweep", bindings, AGENT, true);
        assertThat(first.runs()).hasSize(8);
        // the check keeps its bindings, so that it can be made again
        assertThat(objects(first.check(), Atlas.hasConfig)).hasSize(2);

        java.util.concurrent.LinkedBlockingQueue<LawRechecker.Round> rounds =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (LawRechecker rechecker = new LawRechecker(store, checker, AGENT, Duration.ofMillis(300), rounds::add)) {
            store.addListener(rechecker);

            // data of another experiment: a round with no check to make again
            experiment("unrelated", T_TEST, WEIGHT_DECAY, new double[] {1, 2}, new double[] {3, 4});
            LawRechecker.Round unrelated = rounds.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(unrelated).isNotNull();
            assertThat(unrelated.experiments()).containsExactly(BASE + "experiment/unrelated");
            assertThat(unrelated.results()).isEmpty();

            // four new runs in the law's domain
            double[] more4 = {0.05, 0.1, 0.15, 0.2};
            double[] t4 = new double[4];
            for (int i = 0; i < 4; i++) {
                t4[i] = 500 / more4[i] * Math.exp(0.1 * random.nextGaussian());
            }
            experiment("recheck-sweep", T_TEST, WEIGHT_DECAY, more4, t4, 8);
            LawRechecker.Round round = rounds.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(round).isNotNull();
            // the law check's own commit starts one more round, which finds nothing to do
            List<LawChecker.Result> results = round.results();
            LawRechecker.Round more;
            while ((more = rounds.poll(3, java.util.concurrent.TimeUnit.SECONDS)) != null) {
                results = new java.util.ArrayList<>(results);
                results.addAll(more.results());
            }
            assertThat(results).isNotEmpty();
            LawChecker.Result last = results.get(results.size() - 1);
            assertThat(last.check()).isEqualTo(first.check());
            assertThat(last.runs()).hasSize(12);
            assertThat(last.verdict()).isEqualTo(LawChecker.Verdict.CONSISTENT);
            assertThat(results.stream().filter(LawChecker.Result::created).count())
                    .isEqualTo(1);
            assertThat(objects(first.check(), Atlas.usesData)).hasSize(12);
            assertThat(store.contributions(new ContributionFilter(
                            ContributionStatus.SUPERSEDED, ContributionMethod.DETECTOR, null, 10)))
                    .hasSize(1);
        }
    }
}
