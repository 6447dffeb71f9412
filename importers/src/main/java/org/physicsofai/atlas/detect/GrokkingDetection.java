package org.physicsofai.atlas.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;

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
    /** Held out like the test split; a run's held-out curve when it has no test-accuracy series. */
    public static final String VALIDATION_ACCURACY = AtlasOntology.ID_BASE + "observable/validation-accuracy";

    static final String STEPS_TO_TRAIN = AtlasOntology.ID_BASE + "observable/steps-to-train-threshold";
    static final String STEPS_TO_TEST = AtlasOntology.ID_BASE + "observable/steps-to-test-threshold";
    static final String DELAY = AtlasOntology.ID_BASE + "observable/grokking-delay";
    static final String PHASE_LABEL = AtlasOntology.ID_BASE + "observable/learning-phase-label";
    static final String UNIT_NUM = "http://qudt.org/vocab/unit/NUM";
    static final String ACCURACY_THRESHOLD = AtlasOntology.ID_BASE + "variable/accuracy-threshold";
    static final String PROV_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom";

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    /** The detector family: every version's IRI starts with {@code {base}detector/grokking-}. */
    static final String FAMILY = "grokking";

    private final KnowledgeStore store;
    private final SeriesStore series;
    private final String baseIri;
    private final DetectorOutputs outputs;

    public GrokkingDetection(
            KnowledgeStore store, ContributionService contributions, SeriesStore series, String baseIri) {
        this(new DetectorOutputs(store, contributions, baseIri), series);
    }

    public GrokkingDetection(DetectorOutputs outputs, SeriesStore series) {
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.store = outputs.store();
        this.series = Objects.requireNonNull(series, "series");
        this.baseIri = outputs.baseIri();
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
        return outputs.detectorIri(FAMILY, GrokkingDetector.VERSION, parameters(detector));
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

    /**
     * Labels the runs that have no accuracy series but record their steps to threshold: one
     * observation of {@code steps-to-train-threshold} and one of {@code steps-to-test-threshold} not
     * made by a detector (as the seed's phase-diagram runs have), whose {@code atlas:step} is the step
     * reached and whose absence means the threshold was not reached. The detector's phase rule labels
     * them; the output holds the delay (when both were reached) and the phase label, each derived from
     * the recorded observations ({@code prov:wasDerivedFrom}). A run whose experiment records another
     * accuracy threshold than the detector's is skipped: its steps answer another question.
     *
     * @param runs the runs to label, or every such run in accepted knowledge when empty
     */
    public Report detectRecorded(GrokkingDetector detector, Collection<String> runs, AgentRef agent, boolean accept) {
        Map<String, Recorded> found = recordedSteps();
        List<RunDetection> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Collection<String> wanted = runs.isEmpty() ? found.keySet() : runs;
        for (String run : wanted) {
            Recorded r = found.get(run);
            if (r == null || r.train() == null || r.test() == null) {
                skipped.add(run);
                continue;
            }
            if (r.threshold() != null && Math.abs(r.threshold() - detector.threshold()) > 1e-12) {
                skipped.add(run);
                continue;
            }
            OptionalLong train = detector.rule().reached(r.trainStep()) ? r.trainStep() : OptionalLong.empty();
            OptionalLong test = detector.rule().reached(r.testStep()) ? r.testStep() : OptionalLong.empty();
            GrokkingDetector.Result result =
                    new GrokkingDetector.Result(train, test, detector.rule().classify(train, test));
            Graph graph = recordedGraph(detector, run, r, result);
            DetectorOutputs.Stored stored =
                    store("grokking detector on the recorded steps of " + run, graph, run, agent, accept);
            done.add(new RunDetection(
                    run, null, null, result, stored.contribution(), stored.created(), stored.superseded()));
        }
        return new Report(detectorIri(detector), List.copyOf(done), List.copyOf(skipped));
    }

    /** A run's recorded steps to threshold: the observations and their steps, and its experiment's threshold. */
    private record Recorded(
            String train, OptionalLong trainStep, String test, OptionalLong testStep, Double threshold) {}

    private Graph recordedGraph(GrokkingDetector detector, String run, Recorded r, GrokkingDetector.Result result) {
        Graph g = GraphFactory.createDefaultGraph();
        Node det = detectorNode(g, detector);
        String prefix = outputs.observationPrefix(run, FAMILY);
        Node derivedFrom = iri(PROV_DERIVED_FROM);
        if (result.delay().isPresent()) {
            Node delay = DetectorOutputs.observation(g, prefix + "delay", run, DELAY, det);
            g.add(delay, derivedFrom, iri(r.train()));
            g.add(delay, derivedFrom, iri(r.test()));
            g.add(delay, Atlas.value.asNode(), dbl(result.delay().getAsLong()));
            g.add(delay, Atlas.unit.asNode(), iri(UNIT_NUM));
            g.add(
                    delay,
                    Atlas.event.asNode(),
                    NodeFactory.createLiteralString("from the steps to threshold recorded on the run"));
        }
        Node phase = DetectorOutputs.observation(g, prefix + "phase", run, PHASE_LABEL, det);
        g.add(phase, derivedFrom, iri(r.train()));
        g.add(phase, derivedFrom, iri(r.test()));
        g.add(
                phase,
                Atlas.event.asNode(),
                NodeFactory.createLiteralString("phase: " + result.phase().label()));
        g.add(phase, Atlas.indicates.asNode(), iri(result.phase().phenomenon()));
        return g;
    }

    /** Runs with recorded (not detected) steps-to-threshold observations and no accuracy series. */
    private Map<String, Recorded> recordedSteps() {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?run ?o ?observable ?step ?threshold WHERE {
                  ?o ?runProp ?run ; ?observableProp ?observable .
                  ?run a ?runClass .
                  FILTER (?observable IN (?train, ?test))
                  FILTER NOT EXISTS { ?o ?detectedBy ?any }
                  FILTER NOT EXISTS { ?s a ?seriesClass ; ?runProp ?run ; ?observableProp ?acc . FILTER (?acc IN (?trainAcc, ?testAcc, ?validationAcc)) }
                  OPTIONAL { ?o ?stepProp ?step }
                  OPTIONAL {
                    ?run ?partOf ?exp . ?exp ?hasConfig ?c . ?c ?variableProp ?thresholdVar ; ?configValue ?threshold .
                  }
                } ORDER BY ?run ?o""");
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("observableProp", Atlas.observable.getURI());
        pss.setIri("runClass", Atlas.Run.getURI());
        pss.setIri("train", STEPS_TO_TRAIN);
        pss.setIri("test", STEPS_TO_TEST);
        pss.setIri("detectedBy", Atlas.detectedBy.getURI());
        pss.setIri("seriesClass", Atlas.Series.getURI());
        pss.setIri("trainAcc", TRAIN_ACCURACY);
        pss.setIri("testAcc", TEST_ACCURACY);
        pss.setIri("validationAcc", VALIDATION_ACCURACY);
        pss.setIri("stepProp", Atlas.step.getURI());
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("thresholdVar", ACCURACY_THRESHOLD);
        pss.setIri("configValue", Atlas.configValue.getURI());
        Map<String, Recorded> found = new LinkedHashMap<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String run = row.get("run").getURI();
                Recorded r = found.getOrDefault(
                        run, new Recorded(null, OptionalLong.empty(), null, OptionalLong.empty(), null));
                Node step = row.get("step");
                OptionalLong value = step != null && step.isLiteral() && step.getLiteralValue() instanceof Number n
                        ? OptionalLong.of(n.longValue())
                        : OptionalLong.empty();
                Node t = row.get("threshold");
                Double threshold = t != null && t.isLiteral() && t.getLiteralValue() instanceof Number n
                        ? n.doubleValue()
                        : r.threshold();
                String o = row.get("o").getURI();
                // the first observation of each kind by IRI; one with a step wins over one without
                if (row.get("observable").getURI().equals(STEPS_TO_TRAIN)) {
                    if (r.train() == null || (r.trainStep().isEmpty() && value.isPresent())) {
                        r = new Recorded(o, value, r.test(), r.testStep(), threshold);
                    }
                } else if (r.test() == null || (r.testStep().isEmpty() && value.isPresent())) {
                    r = new Recorded(r.train(), r.trainStep(), o, value, threshold);
                }
                found.put(run, new Recorded(r.train(), r.trainStep(), r.test(), r.testStep(), threshold));
            });
            return null;
        });
        return found;
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
        DetectorOutputs.Stored stored = store("grokking detector on " + run, graph, run, agent, accept);
        return new RunDetection(
                run, trainSeries, testSeries, result, stored.contribution(), stored.created(), stored.superseded());
    }

    private DetectorOutputs.Stored store(String what, Graph graph, String run, AgentRef agent, boolean accept) {
        return outputs.store(
                what, graph, run, FAMILY, "atlas grokking detector " + GrokkingDetector.VERSION, agent, accept);
    }

    /** The statements of one run's result. */
    Graph graph(
            GrokkingDetector detector,
            String run,
            String trainSeries,
            String testSeries,
            GrokkingDetector.Result result) {
        Graph g = GraphFactory.createDefaultGraph();
        Node det = detectorNode(g, detector);
        String prefix = outputs.observationPrefix(run, FAMILY);
        String thr = detector.thresholdText();
        String budget = Long.toString(detector.rule().budget());
        Node train = DetectorOutputs.observation(g, prefix + "t-train", run, STEPS_TO_TRAIN, det);
        g.add(train, Atlas.series.asNode(), iri(trainSeries));
        stepOrMiss(
                g,
                train,
                result.trainStep(),
                detector,
                "train accuracy reached " + thr,
                "train accuracy threshold " + thr + " not reached within " + budget + " steps");
        Node test = DetectorOutputs.observation(g, prefix + "t-test", run, STEPS_TO_TEST, det);
        g.add(test, Atlas.series.asNode(), iri(testSeries));
        stepOrMiss(
                g,
                test,
                result.testStep(),
                detector,
                "test accuracy reached " + thr,
                "test accuracy threshold " + thr + " not reached within " + budget + " steps");
        if (detector.rule().reached(result.trainStep()) && detector.rule().reached(result.testStep())) {
            Node delay = DetectorOutputs.observation(g, prefix + "delay", run, DELAY, det);
            g.add(delay, Atlas.series.asNode(), iri(trainSeries));
            g.add(delay, Atlas.series.asNode(), iri(testSeries));
            g.add(delay, Atlas.value.asNode(), dbl(result.delay().getAsLong()));
            g.add(delay, Atlas.unit.asNode(), iri(UNIT_NUM));
        }
        Node phase = DetectorOutputs.observation(g, prefix + "phase", run, PHASE_LABEL, det);
        g.add(phase, Atlas.series.asNode(), iri(trainSeries));
        g.add(phase, Atlas.series.asNode(), iri(testSeries));
        g.add(
                phase,
                Atlas.event.asNode(),
                NodeFactory.createLiteralString("phase: " + result.phase().label()));
        g.add(phase, Atlas.indicates.asNode(), iri(result.phase().phenomenon()));
        return g;
    }

    /** The detector node with its parameters. */
    private Node detectorNode(Graph g, GrokkingDetector detector) {
        String params = "threshold " + detector.thresholdText() + ", budget "
                + detector.rule().budget() + ", gap " + detector.rule().gap();
        Map<String, Node> parameters = new LinkedHashMap<>();
        parameters.put("threshold", DetectorOutputs.dbl(detector.threshold()));
        parameters.put("budget", DetectorOutputs.integer(detector.rule().budget()));
        parameters.put("gap", DetectorOutputs.integer(detector.rule().gap()));
        return outputs.detector(
                g,
                detectorIri(detector),
                "Grokking detector " + GrokkingDetector.VERSION + " (" + params + ")",
                "顿悟检测器 " + GrokkingDetector.VERSION + "（阈值 " + detector.thresholdText() + "，预算 "
                        + detector.rule().budget() + "，间隔 "
                        + detector.rule().gap() + "）",
                "Reads the first steps at which training and test accuracy reach the threshold (a fraction of"
                        + " the accuracy scale) within the budget, their delay, and the learning phase: confusion"
                        + " if the training threshold is not reached, memorization if the test threshold is not,"
                        + " comprehension if the delay is below the gap, grokking otherwise.",
                GrokkingDetector.VERSION,
                parameters);
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

    private static String parameters(GrokkingDetector detector) {
        return detector.threshold() + "\n" + detector.rule().budget() + "\n"
                + detector.rule().gap();
    }

    /**
     * For each run (all runs when none are given), its training-accuracy series and unit and its
     * test-accuracy series and unit ({@code null} when missing), its validation-accuracy series when it
     * has no test-accuracy series; the first series by IRI when a run has several.
     */
    private Map<String, String[]> accuracySeries(Collection<String> runs) {
        Map<String, String[]> found = new LinkedHashMap<>();
        List<RDFNode> values = runs.stream()
                .distinct()
                .map(r -> (RDFNode) ResourceFactory.createResource(r))
                .toList();
        int chunk = 500;
        for (int from = 0; from < Math.max(1, values.size()); from += chunk) {
            ParameterizedSparqlString pss =
                    new ParameterizedSparqlString("""
                    SELECT ?run ?series ?observable ?unit WHERE {
                      %s
                      ?series a ?seriesClass ; ?runProp ?run ; ?observableProp ?observable .
                      ?run a ?runClass .
                      FILTER (?observable IN (?train, ?test, ?validation))
                      OPTIONAL { ?series ?unitProp ?unit }
                    } ORDER BY ?run ?series""".formatted(values.isEmpty() ? "" : "VALUES (?run) { ?runs }"));
            if (!values.isEmpty()) {
                pss.setValues("runs", values.subList(from, Math.min(values.size(), from + chunk)));
            }
            pss.setIri("seriesClass", Atlas.Series.getURI());
            pss.setIri("runClass", Atlas.Run.getURI());
            pss.setIri("runProp", Atlas.run.getURI());
            pss.setIri("observableProp", Atlas.observable.getURI());
            pss.setIri("unitProp", Atlas.unit.getURI());
            pss.setIri("train", TRAIN_ACCURACY);
            pss.setIri("test", TEST_ACCURACY);
            pss.setIri("validation", VALIDATION_ACCURACY);
            store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
                RowSet rows = exec.select();
                rows.forEachRemaining(row -> {
                    String run = row.get("run").getURI();
                    String[] s = found.computeIfAbsent(run, r -> new String[6]);
                    String observable = row.get("observable").getURI();
                    int at = observable.equals(TRAIN_ACCURACY) ? 0 : observable.equals(TEST_ACCURACY) ? 2 : 4;
                    if (s[at] == null) {
                        s[at] = row.get("series").getURI();
                        Node unit = row.get("unit");
                        s[at + 1] = unit != null && unit.isURI() ? unit.getURI() : null;
                    }
                });
                return null;
            });
        }
        // A run without a test-accuracy series is judged on its validation accuracy, the other held-out split.
        found.values().forEach(s -> {
            if (s[2] == null && s[4] != null) {
                s[2] = s[4];
                s[3] = s[5];
            }
        });
        return found;
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
