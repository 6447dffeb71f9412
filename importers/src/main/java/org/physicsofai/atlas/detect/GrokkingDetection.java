package org.physicsofai.atlas.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;

/**
 * Runs a {@link GrokkingDetector} over runs in accepted knowledge that have a training-accuracy and a
 * test-accuracy series, and stores what it finds as one contribution per run (method {@code
 * detector}): the versioned {@code atlas:Detector} node with its parameters, and observations of the
 * steps to threshold, the delay and the phase label, each linked to the series it was read from, to
 * the detector ({@code atlas:detectedBy}) and, for the label, to the phenomenon it indicates. A new
 * result for a run supersedes the earlier output of any grokking detector for that run; an identical
 * result stores nothing.
 */
public final class GrokkingDetection {

    public static final String TRAIN_ACCURACY = AtlasOntology.ID_BASE + "observable/train-accuracy";
    public static final String TEST_ACCURACY = AtlasOntology.ID_BASE + "observable/test-accuracy";
    static final String STEPS_TO_TRAIN = AtlasOntology.ID_BASE + "observable/steps-to-train-threshold";
    static final String STEPS_TO_TEST = AtlasOntology.ID_BASE + "observable/steps-to-test-threshold";
    static final String DELAY = AtlasOntology.ID_BASE + "observable/grokking-delay";
    static final String PHASE_LABEL = AtlasOntology.ID_BASE + "observable/learning-phase-label";
    static final String UNIT_NUM = "http://qudt.org/vocab/unit/NUM";

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final SeriesStore series;
    private final String baseIri;

    public GrokkingDetection(
            KnowledgeStore store, ContributionService contributions, SeriesStore series, String baseIri) {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException("The IRI base must end in /id/: " + baseIri);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.contributions = Objects.requireNonNull(contributions, "contributions");
        this.series = Objects.requireNonNull(series, "series");
        this.baseIri = baseIri;
    }

    /** One run's outcome: the detector's result and the contribution holding it. */
    public record RunDetection(
            String run,
            String trainSeries,
            String testSeries,
            GrokkingDetector.Result result,
            String contribution,
            boolean created,
            List<String> superseded) {}

    /**
     * @param runs what was labelled
     * @param skipped runs asked for that have no training- and test-accuracy series in accepted
     *     knowledge, or whose points are missing
     */
    public record Report(String detector, List<RunDetection> runs, List<String> skipped) {

        public long created() {
            return runs.stream().filter(RunDetection::created).count();
        }

        /** One line for import reports and the command line. */
        public String summary() {
            Map<LearningPhase, Integer> phases = new LinkedHashMap<>();
            runs.forEach(r -> phases.merge(r.result().phase(), 1, Integer::sum));
            return "grokking detector " + GrokkingDetector.VERSION + ": " + runs.size() + " run(s) labelled "
                    + phases.entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey().label())
                            .toList()
                    + ", " + created() + " new result(s)"
                    + (skipped.isEmpty() ? "" : ", " + skipped.size() + " run(s) without both accuracy series");
        }
    }

    /** The IRI of the detector node for these parameters. */
    public String detectorIri(GrokkingDetector detector) {
        return baseIri + "detector/grokking-" + GrokkingDetector.VERSION + "-" + Slugs.digest(parameters(detector), 8);
    }

    /**
     * Labels the given runs, or every run with both accuracy series when {@code runs} is empty.
     *
     * @param accept store the results as accepted (the operator's own runs) rather than pending
     */
    public Report detect(GrokkingDetector detector, Collection<String> runs, AgentRef agent, boolean accept) {
        Map<String, String[]> found = accuracySeries(runs);
        List<RunDetection> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String run : runs) {
            if (!found.containsKey(run)) {
                skipped.add(run);
            }
        }
        for (Map.Entry<String, String[]> entry : found.entrySet()) {
            String[] s = entry.getValue();
            if (s[0] == null || s[2] == null) {
                skipped.add(entry.getKey());
                continue;
            }
            Optional<SeriesData> train = series.points(s[0]);
            Optional<SeriesData> test = series.points(s[2]);
            if (train.isEmpty() || test.isEmpty()) {
                skipped.add(entry.getKey());
                continue;
            }
            GrokkingDetector.Result result = detector.detect(
                    train.get(),
                    GrokkingDetector.percent(train.get(), s[1]),
                    test.get(),
                    GrokkingDetector.percent(test.get(), s[3]));
            done.add(store(detector, entry.getKey(), s[0], s[2], result, agent, accept));
        }
        return new Report(detectorIri(detector), List.copyOf(done), List.copyOf(skipped));
    }

    private RunDetection store(
            GrokkingDetector detector,
            String run,
            String trainSeries,
            String testSeries,
            GrokkingDetector.Result result,
            AgentRef agent,
            boolean accept) {
        Graph graph = graph(detector, run, trainSeries, testSeries, result);
        List<String> supersedes = earlierResults(run);
        Submission submission;
        try {
            submission = contributions.submit(
                    "grokking detector on " + run,
                    new NewContribution(
                            graph,
                            ContributionMethod.DETECTOR,
                            agent,
                            null,
                            null,
                            "atlas grokking detector " + GrokkingDetector.VERSION,
                            supersedes,
                            accept));
        } catch (ValidationException e) {
            throw new IllegalStateException("The grokking detector made statements that do not conform: " + e, e);
        }
        String iri = submission.contribution().iri();
        return new RunDetection(
                run,
                trainSeries,
                testSeries,
                result,
                iri,
                submission.created(),
                submission.created()
                        ? supersedes.stream().filter(g -> !g.equals(iri)).toList()
                        : List.of());
    }

    /** The statements of one run's result. */
    Graph graph(
            GrokkingDetector detector,
            String run,
            String trainSeries,
            String testSeries,
            GrokkingDetector.Result result) {
        Graph g = GraphFactory.createDefaultGraph();
        Node det = iri(detectorIri(detector));
        g.add(det, RDF.type.asNode(), Atlas.Detector.asNode());
        String params = "threshold " + detector.thresholdText() + ", budget "
                + detector.rule().budget() + ", gap " + detector.rule().gap();
        g.add(det, SKOS.prefLabel.asNode(), en("Grokking detector " + GrokkingDetector.VERSION + " (" + params + ")"));
        g.add(
                det,
                SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang(
                        "顿悟检测器 " + GrokkingDetector.VERSION + "（阈值 " + detector.thresholdText() + "，预算 "
                                + detector.rule().budget() + "，间隔 "
                                + detector.rule().gap() + "）",
                        "zh"));
        g.add(
                det,
                SKOS.definition.asNode(),
                en("Reads the first steps at which training and test accuracy reach the threshold (a fraction of"
                        + " the accuracy scale) within the budget, their delay, and the learning phase: confusion"
                        + " if the training threshold is not reached, memorization if the test threshold is not,"
                        + " comprehension if the delay is below the gap, grokking otherwise."));
        g.add(det, Atlas.version.asNode(), NodeFactory.createLiteralString(GrokkingDetector.VERSION));
        config(
                g,
                det,
                "threshold",
                NodeFactory.createLiteralDT(Double.toString(detector.threshold()), XSDDatatype.XSDdouble));
        config(
                g,
                det,
                "budget",
                NodeFactory.createLiteralDT(Long.toString(detector.rule().budget()), XSDDatatype.XSDinteger));
        config(
                g,
                det,
                "gap",
                NodeFactory.createLiteralDT(Long.toString(detector.rule().gap()), XSDDatatype.XSDinteger));

        String prefix = baseIri + "observation/" + Slugs.digest(run, 16) + "-grokking-";
        String thr = detector.thresholdText();
        String budget = Long.toString(detector.rule().budget());
        Node train = observation(g, prefix + "t-train", run, STEPS_TO_TRAIN, det);
        g.add(train, Atlas.series.asNode(), iri(trainSeries));
        stepOrMiss(
                g,
                train,
                result.trainStep(),
                detector,
                "train accuracy reached " + thr,
                "train accuracy threshold " + thr + " not reached within " + budget + " steps");
        Node test = observation(g, prefix + "t-test", run, STEPS_TO_TEST, det);
        g.add(test, Atlas.series.asNode(), iri(testSeries));
        stepOrMiss(
                g,
                test,
                result.testStep(),
                detector,
                "test accuracy reached " + thr,
                "test accuracy threshold " + thr + " not reached within " + budget + " steps");
        if (detector.rule().reached(result.trainStep()) && detector.rule().reached(result.testStep())) {
            Node delay = observation(g, prefix + "delay", run, DELAY, det);
            g.add(delay, Atlas.series.asNode(), iri(trainSeries));
            g.add(delay, Atlas.series.asNode(), iri(testSeries));
            g.add(delay, Atlas.value.asNode(), dbl(result.delay().getAsLong()));
            g.add(delay, Atlas.unit.asNode(), iri(UNIT_NUM));
        }
        Node phase = observation(g, prefix + "phase", run, PHASE_LABEL, det);
        g.add(phase, Atlas.series.asNode(), iri(trainSeries));
        g.add(phase, Atlas.series.asNode(), iri(testSeries));
        g.add(
                phase,
                Atlas.event.asNode(),
                NodeFactory.createLiteralString("phase: " + result.phase().label()));
        g.add(phase, Atlas.indicates.asNode(), iri(result.phase().phenomenon()));
        return g;
    }

    private void stepOrMiss(
            Graph g, Node obs, OptionalLong step, GrokkingDetector detector, String reached, String missed) {
        if (detector.rule().reached(step)) {
            g.add(obs, Atlas.value.asNode(), dbl(step.getAsLong()));
            g.add(obs, Atlas.unit.asNode(), iri(UNIT_NUM));
            g.add(
                    obs,
                    Atlas.step.asNode(),
                    NodeFactory.createLiteralDT(Long.toString(step.getAsLong()), XSDDatatype.XSDinteger));
            g.add(obs, Atlas.event.asNode(), NodeFactory.createLiteralString(reached));
        } else {
            g.add(obs, Atlas.event.asNode(), NodeFactory.createLiteralString(missed));
        }
    }

    private static Node observation(Graph g, String iri, String run, String observable, Node detector) {
        Node o = iri(iri);
        g.add(o, RDF.type.asNode(), Atlas.Observation.asNode());
        g.add(o, Atlas.run.asNode(), iri(run));
        g.add(o, Atlas.observable.asNode(), iri(observable));
        g.add(o, Atlas.detectedBy.asNode(), detector);
        return o;
    }

    private void config(Graph g, Node detector, String key, Node value) {
        Node setting = iri(detector.getURI().replace("/detector/", "/config/detector-") + "-" + key);
        g.add(detector, Atlas.hasConfig.asNode(), setting);
        g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
        g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString(key));
        g.add(setting, Atlas.configValue.asNode(), value);
    }

    private static String parameters(GrokkingDetector detector) {
        return detector.threshold() + "\n" + detector.rule().budget() + "\n"
                + detector.rule().gap();
    }

    /**
     * For each run (all runs when none are given), its training-accuracy series and unit and its
     * test-accuracy series and unit ({@code null} when missing); the first series by IRI when a run has
     * several.
     */
    private Map<String, String[]> accuracySeries(Collection<String> runs) {
        Map<String, String[]> found = new LinkedHashMap<>();
        List<RDFNode> values = runs.stream()
                .distinct()
                .map(r -> (RDFNode) ResourceFactory.createResource(r))
                .toList();
        int chunk = 500;
        for (int from = 0; from < Math.max(1, values.size()); from += chunk) {
            ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                    SELECT ?run ?series ?observable ?unit WHERE {
                      ?series a ?seriesClass ; ?runProp ?run ; ?observableProp ?observable .
                      ?run a ?runClass .
                      FILTER (?observable IN (?train, ?test))
                      OPTIONAL { ?series ?unitProp ?unit }
                    } ORDER BY ?run ?series""");
            if (!values.isEmpty()) {
                pss.setValues("run", values.subList(from, Math.min(values.size(), from + chunk)));
            }
            pss.setIri("seriesClass", Atlas.Series.getURI());
            pss.setIri("runClass", Atlas.Run.getURI());
            pss.setIri("runProp", Atlas.run.getURI());
            pss.setIri("observableProp", Atlas.observable.getURI());
            pss.setIri("unitProp", Atlas.unit.getURI());
            pss.setIri("train", TRAIN_ACCURACY);
            pss.setIri("test", TEST_ACCURACY);
            store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
                RowSet rows = exec.select();
                rows.forEachRemaining(row -> {
                    String run = row.get("run").getURI();
                    String[] s = found.computeIfAbsent(run, r -> new String[4]);
                    int at = row.get("observable").getURI().equals(TRAIN_ACCURACY) ? 0 : 2;
                    if (s[at] == null) {
                        s[at] = row.get("series").getURI();
                        Node unit = row.get("unit");
                        s[at + 1] = unit != null && unit.isURI() ? unit.getURI() : null;
                    }
                });
                return null;
            });
        }
        return found;
    }

    /** Accepted or pending output of any grokking detector about the run. */
    private List<String> earlierResults(String run) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?g WHERE {
                  GRAPH ?g { ?o ?runProp ?run ; ?detectedBy ?d }
                  GRAPH ?provenance { ?g ?method ?detector ; ?status ?state }
                  FILTER (?state IN (?accepted, ?pending))
                  FILTER (STRSTARTS(STR(?d), ?prefix))
                }""");
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("run", run);
        pss.setIri("detectedBy", Atlas.detectedBy.getURI());
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        pss.setIri("method", Atlas.method.getURI());
        pss.setIri("detector", Atlas.detector.getURI());
        pss.setIri("status", Atlas.status.getURI());
        pss.setIri("accepted", Atlas.accepted.getURI());
        pss.setIri("pending", Atlas.pending.getURI());
        pss.setLiteral("prefix", baseIri + "detector/grokking-");
        Set<String> found = new LinkedHashSet<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> found.add(row.get("g").getURI()));
            return null;
        });
        return List.copyOf(found);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node en(String text) {
        return NodeFactory.createLiteralLang(text, "en");
    }

    private static Node dbl(long value) {
        return NodeFactory.createLiteralDT(Double.toString((double) value), XSDDatatype.XSDdouble);
    }
}
