package org.physicsofai.atlas.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.graph.GraphFactory;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.series.SeriesData;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.AgentRef;

/**
 * Runs the curve detectors beside the grokking detector over runs in accepted knowledge, sharing its
 * machinery ({@link DetectorOutputs}): the edge-of-stability detector (runs with a sharpness or
 * preconditioned-sharpness series and a learning rate, as a series or a configuration value), the spike
 * detector (training loss and last-layer weight norm) and the double-descent detector (test loss or test
 * accuracy within a run; and across the runs of an experiment that varies a size). Each detector family
 * stores one contribution per run (per experiment for a sweep) that supersedes the family's earlier
 * output; an identical result stores nothing; a run the detector has nothing to say about is skipped.
 */
public final class CurveDetection {

    public static final String EOS_FAMILY = "edge-of-stability";
    public static final String SPIKES_FAMILY = "spikes";
    public static final String DOUBLE_DESCENT_FAMILY = "double-descent";
    public static final String SWEEP_FAMILY = "double-descent-sweep";

    static final String OBS = AtlasOntology.ID_BASE + "observable/";
    static final String PHEN = AtlasOntology.ID_BASE + "phenomenon/";
    static final String VAR = AtlasOntology.ID_BASE + "variable/";
    static final String SHARPNESS = OBS + "sharpness";
    static final String PRECONDITIONED = OBS + "preconditioned-sharpness";
    static final String NORMALIZED = OBS + "normalized-sharpness";
    static final String TRAIN_LOSS = OBS + "train-loss";
    static final String TEST_LOSS = OBS + "test-loss";
    static final String LAST_LAYER_NORM = OBS + "last-layer-norm";
    static final String TEST_ACCURACY = OBS + "test-accuracy";
    static final String VALIDATION_LOSS = OBS + "validation-loss";
    static final String VALIDATION_ACCURACY = OBS + "validation-accuracy";

    /** The size variables a sweep can show double descent against. */
    static final List<String> SIZE_VARIABLES =
            List.of(VAR + "model-width", VAR + "training-set-size", VAR + "training-fraction", VAR + "compute-budget");

    /** The most spikes written per series (the largest first by z when there are more). */
    static final int MAX_SPIKES = 50;

    private final DetectorOutputs outputs;
    private final SeriesStore series;

    public CurveDetection(DetectorOutputs outputs, SeriesStore series) {
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.series = Objects.requireNonNull(series, "series");
    }

    /** The detectors and their parameters. */
    public record Settings(
            EdgeOfStabilityDetector eos,
            SpikeDetector spikes,
            DoubleDescentDetector epochWise,
            DoubleDescentDetector sweep) {

        public static final Settings DEFAULT = new Settings(
                EdgeOfStabilityDetector.DEFAULT,
                SpikeDetector.DEFAULT,
                DoubleDescentDetector.EPOCH_WISE,
                DoubleDescentDetector.SWEEP);
    }

    /**
     * One stored result.
     *
     * @param subject the run (or the experiment, for a sweep)
     * @param summary what the detector found, in one line
     */
    /**
     * @param review whether the result was sent to review (stored pending for curators) instead of being
     *     accepted: see {@link #REVIEWED}
     */
    public record Finding(
            String family,
            String subject,
            String detector,
            String summary,
            boolean indicates,
            String contribution,
            boolean created,
            List<String> superseded,
            boolean review) {}

    /**
     * The least precision on the labelled corpus of real curves (docs/detectors.md) at which a detector's
     * positive results are accepted at once.
     */
    public static final double ACCEPTED_PRECISION = 0.9;

    /**
     * The families whose positive results go to review: their precision on the labelled corpus is below
     * {@link #ACCEPTED_PRECISION} or cannot be measured there. Today every curve detector: the corpus holds
     * no real positive of double descent, edge of stability or spikes (docs/detectors.md), and version 1.0.0
     * of the double-descent detector labelled ordinary grokking runs as double descent. A result that finds
     * nothing claims nothing and is accepted. (The grokking detector, precision 1.0 on the corpus, is not a
     * curve detector and accepts its results.)
     */
    public static final Set<String> REVIEWED = Set.of(EOS_FAMILY, SPIKES_FAMILY, DOUBLE_DESCENT_FAMILY, SWEEP_FAMILY);

    public record Report(List<Finding> findings) {

        public long created() {
            return findings.stream().filter(Finding::created).count();
        }

        /** One line per detector family that found something, for import reports and the command line. */
        public List<String> summaries() {
            Map<String, int[]> by = new TreeMap<>();
            for (Finding f : findings) {
                int[] c = by.computeIfAbsent(f.family(), k -> new int[4]);
                c[0]++;
                c[1] += f.indicates() ? 1 : 0;
                c[2] += f.created() ? 1 : 0;
                c[3] += f.review() ? 1 : 0;
            }
            List<String> lines = new ArrayList<>();
            by.forEach((family, c) -> lines.add(family + " detector " + version(family) + ": " + c[0] + " result(s), "
                    + c[1] + " indicating the phenomenon, " + c[2] + " new result(s)"
                    + (c[3] == 0 ? "" : ", " + c[3] + " sent to review")));
            return lines;
        }
    }

    static String version(String family) {
        return switch (family) {
            case EOS_FAMILY -> EdgeOfStabilityDetector.VERSION;
            case SPIKES_FAMILY -> SpikeDetector.VERSION;
            default -> DoubleDescentDetector.VERSION;
        };
    }

    /** A series of a run: IRI, observable (or null), metric key, unit (or null). */
    record SeriesRef(String iri, String observable, String key, String unit) {}

    /** What the detectors need to know about a run. */
    record RunInfo(String run, List<SeriesRef> series, Map<String, Node> config, Map<String, Node> byVariable) {}

    /**
     * Runs every curve detector on the given runs (every run with a series when none are given), and the
     * sweep detector on the experiments of those runs.
     */
    public Report detect(Settings settings, Collection<String> runs, AgentRef agent, boolean accept) {
        Map<String, RunInfo> infos = runInfo(runs);
        List<Finding> findings = new ArrayList<>();
        for (RunInfo info : infos.values()) {
            edgeOfStability(settings.eos(), info, agent, accept).ifPresent(findings::add);
            spikes(settings.spikes(), info, agent, accept).ifPresent(findings::add);
            epochWise(settings.epochWise(), info, agent, accept).ifPresent(findings::add);
        }
        for (String experiment : sweeps(infos.keySet())) {
            sweep(settings.sweep(), experiment, agent, accept).ifPresent(findings::add);
        }
        return new Report(List.copyOf(findings));
    }

    // ---------------------------------------------------------------- edge of stability

    String eosIri(EdgeOfStabilityDetector d) {
        return outputs.detectorIri(
                EOS_FAMILY, EdgeOfStabilityDetector.VERSION, d.tolerance() + "\n" + d.tail() + "\n" + d.sharpening());
    }

    Optional<Finding> edgeOfStability(EdgeOfStabilityDetector d, RunInfo info, AgentRef agent, boolean accept) {
        SeriesRef sharp = first(info, PRECONDITIONED);
        EdgeOfStabilityDetector.Regime regime = EdgeOfStabilityDetector.Regime.ADAM;
        if (sharp == null) {
            sharp = first(info, SHARPNESS);
            regime = EdgeOfStabilityDetector.Regime.GD;
        }
        if (sharp == null) {
            return Optional.empty();
        }
        SeriesRef lrSeries = info.series().stream()
                .filter(s -> isLearningRateKey(s.key()))
                .findFirst()
                .orElse(null);
        Double constant = lrSeries == null ? configNumber(info, VAR + "learning-rate", LR_KEYS) : null;
        if (lrSeries == null && constant == null) {
            return Optional.empty();
        }
        Double beta1Config = configNumber(info, VAR + "adam-beta1", BETA1_KEYS);
        double beta1 = beta1Config == null ? 0.9 : beta1Config;
        Optional<SeriesData> s = series.points(sharp.iri());
        Optional<SeriesData> lr = lrSeries == null ? Optional.empty() : series.points(lrSeries.iri());
        if (s.isEmpty() || (lrSeries != null && lr.isEmpty())) {
            return Optional.empty();
        }
        double threshold = EdgeOfStabilityDetector.threshold(regime, beta1);
        EdgeOfStabilityDetector.Result r =
                d.detect(s.get(), lr.orElse(null), constant == null ? Double.NaN : constant, threshold);
        if (r == null) {
            return Optional.empty();
        }
        String detectorIri = eosIri(d);
        Graph g = GraphFactory.createDefaultGraph();
        Map<String, Node> params = new LinkedHashMap<>();
        params.put("tolerance", DetectorOutputs.dbl(d.tolerance()));
        params.put("tail", DetectorOutputs.dbl(d.tail()));
        params.put("sharpening", DetectorOutputs.dbl(d.sharpening()));
        String p = "tolerance " + d.tolerance() + ", tail " + d.tail() + ", sharpening " + d.sharpening();
        Node det = outputs.detector(
                g,
                detectorIri,
                "Edge-of-stability detector " + EdgeOfStabilityDetector.VERSION + " (" + p + ")",
                "稳定性边缘检测器 " + EdgeOfStabilityDetector.VERSION + "（容差 " + d.tolerance() + "，尾段 " + d.tail() + "，锐化倍数 "
                        + d.sharpening() + "）",
                "Computes sharpness x learning rate / 2 at each logged step and compares its median over the last"
                        + " tail fraction of the run with the stability threshold: 1 for gradient descent (sharpness"
                        + " 2/eta), (1 + beta1) / (1 - beta1) for the preconditioned sharpness of Adam (38/eta for"
                        + " beta1 = 0.9); at the edge within the tolerance. Also the first step within the tolerance"
                        + " below the threshold, and the progressive-sharpening onset (the lowest ratio before it,"
                        + " when the ratio grew at least sharpening-fold).",
                EdgeOfStabilityDetector.VERSION,
                params);
        String prefix = outputs.observationPrefix(info.run(), EOS_FAMILY);
        String optimiser = regime == EdgeOfStabilityDetector.Regime.GD
                ? "gradient-descent threshold 2/eta"
                : "Adam threshold (2 + 2 beta1) / ((1 - beta1) eta) with beta1 " + num(beta1)
                        + (beta1Config == null ? " (default)" : "");
        Node ratio = DetectorOutputs.observation(g, prefix + "ratio", info.run(), NORMALIZED, det);
        link(g, ratio, sharp, lrSeries);
        ratio.getURI();
        g.add(ratio, Atlas.value.asNode(), DetectorOutputs.dbl(r.settled()));
        g.add(ratio, Atlas.unit.asNode(), DetectorOutputs.iri(DetectorOutputs.UNIT_NUM));
        String summary = "sharpness x eta / 2 settles at " + num(r.settled()) + " = " + num(r.settled() / r.threshold())
                + " x the " + optimiser + ": " + r.verdict().label();
        g.add(ratio, Atlas.event.asNode(), DetectorOutputs.text(summary));
        boolean atEdge = r.verdict() == EdgeOfStabilityDetector.Verdict.AT_EDGE;
        if (atEdge) {
            g.add(ratio, Atlas.indicates.asNode(), DetectorOutputs.iri(PHEN + "edge-of-stability"));
        }
        if (r.thresholdStep().isPresent()) {
            Node reached = DetectorOutputs.observation(g, prefix + "threshold", info.run(), NORMALIZED, det);
            link(g, reached, sharp, lrSeries);
            g.add(
                    reached,
                    Atlas.step.asNode(),
                    DetectorOutputs.integer(r.thresholdStep().getAsLong()));
            g.add(
                    reached,
                    Atlas.event.asNode(),
                    DetectorOutputs.text(
                            "sharpness x eta / 2 reaches " + num(1 - d.tolerance()) + " x the " + optimiser));
        }
        if (r.onset().isPresent()) {
            Node onset = DetectorOutputs.observation(
                    g,
                    prefix + "sharpening",
                    info.run(),
                    regime == EdgeOfStabilityDetector.Regime.GD ? SHARPNESS : PRECONDITIONED,
                    det);
            link(g, onset, sharp, null);
            g.add(onset, Atlas.step.asNode(), DetectorOutputs.integer(r.onset().getAsLong()));
            g.add(onset, Atlas.value.asNode(), DetectorOutputs.dbl(r.onsetSharpness()));
            g.add(
                    onset,
                    Atlas.event.asNode(),
                    DetectorOutputs.text(
                            "progressive sharpening from step " + r.onset().getAsLong()));
            g.add(onset, Atlas.indicates.asNode(), DetectorOutputs.iri(PHEN + "edge-of-stability"));
        }
        return Optional.of(store(EOS_FAMILY, info.run(), detectorIri, summary, atEdge, g, agent, accept));
    }

    // ---------------------------------------------------------------- spikes

    String spikesIri(SpikeDetector d) {
        return outputs.detectorIri(
                SPIKES_FAMILY, SpikeDetector.VERSION, d.window() + "\n" + d.k() + "\n" + d.minRatio());
    }

    Optional<Finding> spikes(SpikeDetector d, RunInfo info, AgentRef agent, boolean accept) {
        List<SeriesRef> curves = info.series().stream()
                .filter(s -> TRAIN_LOSS.equals(s.observable()) || LAST_LAYER_NORM.equals(s.observable()))
                .toList();
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        String detectorIri = spikesIri(d);
        Graph g = GraphFactory.createDefaultGraph();
        Map<String, Node> params = new LinkedHashMap<>();
        params.put("window", DetectorOutputs.integer(d.window()));
        params.put("k", DetectorOutputs.dbl(d.k()));
        params.put("min-ratio", DetectorOutputs.dbl(d.minRatio()));
        Node det = outputs.detector(
                g,
                detectorIri,
                "Spike detector " + SpikeDetector.VERSION + " (window " + d.window() + ", k " + d.k() + ", ratio "
                        + d.minRatio() + ")",
                "尖峰检测器 " + SpikeDetector.VERSION + "（窗口 " + d.window() + "，k " + d.k() + "，倍数 " + d.minRatio() + "）",
                "Finds spikes in the training loss and the last-layer weight norm: a point whose log value exceeds"
                        + " the median log of the previous window points by more than k robust standard deviations"
                        + " (1.4826 x the median absolute deviation, at least 0.01) and whose value is at least the"
                        + " ratio times that median; consecutive such points are one spike, reported at its peak.",
                SpikeDetector.VERSION,
                params);
        String prefix = outputs.observationPrefix(info.run(), SPIKES_FAMILY);
        List<String> parts = new ArrayList<>();
        int total = 0;
        for (SeriesRef ref : curves) {
            Optional<SeriesData> data = series.points(ref.iri());
            if (data.isEmpty()) {
                continue;
            }
            List<SpikeDetector.Spike> spikes = new ArrayList<>(d.detect(data.get()));
            if (spikes.size() > MAX_SPIKES) {
                spikes.sort((a, b) -> Double.compare(b.z(), a.z()));
                spikes = new ArrayList<>(spikes.subList(0, MAX_SPIKES));
                spikes.sort((a, b) -> Long.compare(a.step(), b.step()));
            }
            String what = LAST_LAYER_NORM.equals(ref.observable()) ? "last-layer norm" : "training loss";
            parts.add(spikes.size() + " in the " + what
                    + (spikes.isEmpty()
                            ? ""
                            : " at steps "
                                    + spikes.stream()
                                            .limit(10)
                                            .map(sp -> Long.toString(sp.step()))
                                            .toList()));
            Node count = DetectorOutputs.observation(
                    g, prefix + slugOf(ref.iri()) + "-count", info.run(), ref.observable(), det);
            g.add(count, Atlas.series.asNode(), DetectorOutputs.iri(ref.iri()));
            g.add(count, Atlas.event.asNode(), DetectorOutputs.text(spikes.size() + " spike(s) in the " + what));
            for (SpikeDetector.Spike sp : spikes) {
                Node o = DetectorOutputs.observation(
                        g, prefix + slugOf(ref.iri()) + "-" + sp.step(), info.run(), ref.observable(), det);
                g.add(o, Atlas.series.asNode(), DetectorOutputs.iri(ref.iri()));
                g.add(o, Atlas.step.asNode(), DetectorOutputs.integer(sp.step()));
                g.add(o, Atlas.value.asNode(), DetectorOutputs.dbl(sp.value()));
                g.add(
                        o,
                        Atlas.event.asNode(),
                        DetectorOutputs.text(what + " spike: " + num(sp.ratio())
                                + " x the baseline " + num(sp.baseline()) + " (robust z " + num(sp.z()) + ", steps "
                                + sp.from() + "-" + sp.to() + ")"));
                g.add(o, Atlas.indicates.asNode(), DetectorOutputs.iri(PHEN + "slingshot"));
            }
            total += spikes.size();
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String summary = "spikes: " + String.join("; ", parts);
        return Optional.of(store(SPIKES_FAMILY, info.run(), detectorIri, summary, total > 0, g, agent, accept));
    }

    // ---------------------------------------------------------------- double descent

    String doubleDescentIri(String family, DoubleDescentDetector d) {
        return outputs.detectorIri(
                family, DoubleDescentDetector.VERSION, d.smoothing() + "\n" + d.prominence() + "\n" + d.warmup());
    }

    private Node doubleDescentNode(Graph g, String family, DoubleDescentDetector d) {
        Map<String, Node> params = new LinkedHashMap<>();
        params.put("smoothing", DetectorOutputs.integer(d.smoothing()));
        params.put("prominence", DetectorOutputs.dbl(d.prominence()));
        params.put("warmup", DetectorOutputs.dbl(d.warmup()));
        boolean sweep = family.equals(SWEEP_FAMILY);
        return outputs.detector(
                g,
                doubleDescentIri(family, d),
                "Double-descent detector " + DoubleDescentDetector.VERSION
                        + (sweep ? ", across a sweep" : ", epoch-wise") + " (smoothing " + d.smoothing()
                        + ", prominence " + d.prominence() + ", warm-up " + d.warmup() + ")",
                "双下降检测器 " + DoubleDescentDetector.VERSION + (sweep ? "，跨扫描" : "，按轮次") + "（平滑 " + d.smoothing() + "，显著度 "
                        + d.prominence() + "，预热 " + d.warmup() + "）",
                "Finds a peak in test error (test loss, or 1 - test accuracy) against "
                        + (sweep
                                ? "the size an experiment varies (one point per run, its last logged value)"
                                : "the training step of one run")
                        + ": leaving out the warm-up (that fraction of the x range at the start), after a centred"
                        + " rolling median of the smoothing window, the interior point whose smaller rise above"
                        + " the minima before and after it is largest, when that rise and the first descent to"
                        + " the minimum before it are each at least the prominence times the range of the curve.",
                DoubleDescentDetector.VERSION,
                params);
    }

    Optional<Finding> epochWise(DoubleDescentDetector d, RunInfo info, AgentRef agent, boolean accept) {
        // The test split first; a run that holds out only a validation split is judged on it.
        SeriesRef ref = first(info, TEST_LOSS);
        if (ref == null) {
            ref = first(info, VALIDATION_LOSS);
        }
        boolean accuracy = false;
        if (ref == null) {
            ref = first(info, TEST_ACCURACY);
            accuracy = true;
        }
        if (ref == null) {
            ref = first(info, VALIDATION_ACCURACY);
        }
        if (ref == null) {
            return Optional.empty();
        }
        Optional<SeriesData> data = series.points(ref.iri());
        if (data.isEmpty() || data.get().size() < 5) {
            return Optional.empty();
        }
        SeriesData s = data.get();
        boolean percent = accuracy && GrokkingDetector.percent(s, ref.unit());
        double[] x = new double[s.size()];
        double[] y = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            x[i] = s.step(i);
            y[i] = accuracy ? (percent ? 100 : 1) - s.value(i) : s.value(i);
        }
        Optional<DoubleDescentDetector.Peak> peak = d.detect(x, y);
        Graph g = GraphFactory.createDefaultGraph();
        Node det = doubleDescentNode(g, DOUBLE_DESCENT_FAMILY, d);
        String what = accuracy ? "test error (1 - test accuracy)" : "test loss";
        Node o = DetectorOutputs.observation(
                g,
                outputs.observationPrefix(info.run(), DOUBLE_DESCENT_FAMILY) + "peak",
                info.run(),
                ref.observable(),
                det);
        g.add(o, Atlas.series.asNode(), DetectorOutputs.iri(ref.iri()));
        String summary;
        if (peak.isPresent()) {
            DoubleDescentDetector.Peak p = peak.get();
            g.add(o, Atlas.step.asNode(), DetectorOutputs.integer((long) p.x()));
            g.add(o, Atlas.value.asNode(), DetectorOutputs.dbl(p.value()));
            summary = "epoch-wise double descent: " + what + " peaks at step " + (long) p.x() + " ("
                    + num(p.value()) + ") between minima at steps " + (long) p.leftX() + " (" + num(p.leftValue())
                    + ") and " + (long) p.rightX() + " (" + num(p.rightValue()) + ")";
            g.add(o, Atlas.indicates.asNode(), DetectorOutputs.iri(PHEN + "double-descent"));
        } else {
            summary = "no double-descent peak in the " + what;
        }
        g.add(o, Atlas.event.asNode(), DetectorOutputs.text(summary));
        return Optional.of(store(
                DOUBLE_DESCENT_FAMILY,
                info.run(),
                doubleDescentIri(DOUBLE_DESCENT_FAMILY, d),
                summary,
                peak.isPresent(),
                g,
                agent,
                accept));
    }

    /** The experiments of the runs that vary a size variable. */
    private List<String> sweeps(Collection<String> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?exp WHERE {
                  VALUES (?run) { ?runs }
                  ?run ?partOf ?exp . ?exp ?varies ?var . FILTER (?var IN (?a, ?b, ?c, ?d))
                } ORDER BY ?exp""");
        pss.setValues(
                "runs",
                runs.stream()
                        .map(r -> (RDFNode) ResourceFactory.createResource(r))
                        .toList());
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("varies", Atlas.varies.getURI());
        pss.setIri("a", SIZE_VARIABLES.get(0));
        pss.setIri("b", SIZE_VARIABLES.get(1));
        pss.setIri("c", SIZE_VARIABLES.get(2));
        pss.setIri("d", SIZE_VARIABLES.get(3));
        select(pss, row -> found.add(row.get("exp").getURI()));
        return List.copyOf(found);
    }

    /**
     * Double descent across the runs of an experiment that varies a size: one point per run, the size its
     * configuration gives and its last test loss (or 1 - its last test accuracy).
     */
    public Optional<Finding> sweep(DoubleDescentDetector d, String experiment, AgentRef agent, boolean accept) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?run ?var ?x ?obs ?last ?unit ?series WHERE {
                  ?exp ?varies ?var . FILTER (?var IN (?a, ?b, ?c, ?d))
                  ?run ?partOf ?exp ; ?hasConfig ?c0 . ?c0 ?variable ?var ; ?configValue ?x .
                  ?series a ?seriesClass ; ?runProp ?run ; ?observable ?obs ; ?lastValue ?last .
                  FILTER (?obs IN (?testLoss, ?testAccuracy, ?validationLoss, ?validationAccuracy))
                  OPTIONAL { ?series ?unitProp ?unit }
                } ORDER BY ?var ?run ?series""");
        pss.setIri("exp", experiment);
        pss.setIri("varies", Atlas.varies.getURI());
        pss.setIri("a", SIZE_VARIABLES.get(0));
        pss.setIri("b", SIZE_VARIABLES.get(1));
        pss.setIri("c", SIZE_VARIABLES.get(2));
        pss.setIri("d", SIZE_VARIABLES.get(3));
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("variable", Atlas.variable.getURI());
        pss.setIri("configValue", Atlas.configValue.getURI());
        pss.setIri("seriesClass", Atlas.Series.getURI());
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("observable", Atlas.observable.getURI());
        pss.setIri("lastValue", Atlas.lastValue.getURI());
        pss.setIri("testLoss", TEST_LOSS);
        pss.setIri("testAccuracy", TEST_ACCURACY);
        pss.setIri("validationLoss", VALIDATION_LOSS);
        pss.setIri("validationAccuracy", VALIDATION_ACCURACY);
        pss.setIri("unitProp", Atlas.unit.getURI());
        // per variable: run -> (x, error, series), test loss preferred
        Map<String, Map<String, Object[]>> byVar = new LinkedHashMap<>();
        select(pss, row -> {
            Double x = number(row.get("x"));
            Double last = number(row.get("last"));
            if (x == null || last == null) {
                return;
            }
            String obs = row.get("obs").getURI();
            boolean loss = obs.equals(TEST_LOSS) || obs.equals(VALIDATION_LOSS);
            boolean test = obs.equals(TEST_LOSS) || obs.equals(TEST_ACCURACY);
            Node unit = row.get("unit");
            boolean percent =
                    !loss && (unit != null && unit.isURI() ? unit.getURI().endsWith("/PERCENT") : last > 1);
            double error = loss ? last : (percent ? 100 : 1) - last;
            Map<String, Object[]> runs = byVar.computeIfAbsent(row.get("var").getURI(), k -> new LinkedHashMap<>());
            Object[] had = runs.get(row.get("run").getURI());
            // loss before accuracy, the test split before the validation split
            if (had == null || (loss && !(Boolean) had[3]) || (loss == (Boolean) had[3] && test && !(Boolean) had[4])) {
                runs.put(
                        row.get("run").getURI(),
                        new Object[] {x, error, row.get("series").getURI(), loss, test});
            }
        });
        for (Map.Entry<String, Map<String, Object[]>> e : byVar.entrySet()) {
            List<Map.Entry<String, Object[]>> points =
                    new ArrayList<>(e.getValue().entrySet());
            // one kind of error across the sweep: test loss when every run has it
            boolean allLoss = points.stream().allMatch(p -> (Boolean) p.getValue()[3]);
            points.removeIf(p -> allLoss != (Boolean) p.getValue()[3]);
            points.sort((a, b) -> Double.compare((Double) a.getValue()[0], (Double) b.getValue()[0]));
            if (points.size() < 5) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = (Double) points.get(i).getValue()[0];
                y[i] = (Double) points.get(i).getValue()[1];
            }
            // runs sharing a size (seeds) are averaged, so that x ascends strictly
            Map<Double, double[]> mean = new TreeMap<>();
            for (int i = 0; i < x.length; i++) {
                double[] m = mean.computeIfAbsent(x[i], k -> new double[2]);
                m[0] += y[i];
                m[1]++;
            }
            double[] mx =
                    mean.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] my = mean.values().stream().mapToDouble(m -> m[0] / m[1]).toArray();
            Optional<DoubleDescentDetector.Peak> peak = d.detect(mx, my);
            String varName = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            String what = allLoss ? "test loss" : "test error (1 - test accuracy)";
            Graph g = GraphFactory.createDefaultGraph();
            Node det = doubleDescentNode(g, SWEEP_FAMILY, d);
            Node o = DetectorOutputs.observation(
                    g,
                    outputs.observationPrefix(experiment, SWEEP_FAMILY) + varName,
                    experiment,
                    allLoss ? TEST_LOSS : TEST_ACCURACY,
                    det);
            points.forEach(p -> g.add(o, Atlas.series.asNode(), DetectorOutputs.iri((String) p.getValue()[2])));
            String summary;
            if (peak.isPresent()) {
                DoubleDescentDetector.Peak p = peak.get();
                g.add(o, Atlas.value.asNode(), DetectorOutputs.dbl(p.value()));
                summary = "double descent across " + varName + ": " + what + " peaks at " + varName + " " + num(p.x())
                        + " (" + num(p.value()) + ") between minima at " + num(p.leftX()) + " (" + num(p.leftValue())
                        + ") and " + num(p.rightX()) + " (" + num(p.rightValue()) + "), " + points.size() + " runs";
                g.add(o, Atlas.indicates.asNode(), DetectorOutputs.iri(PHEN + "double-descent"));
            } else {
                summary =
                        "no double-descent peak in the " + what + " across " + varName + ", " + points.size() + " runs";
            }
            g.add(o, Atlas.event.asNode(), DetectorOutputs.text(summary));
            return Optional.of(store(
                    SWEEP_FAMILY,
                    experiment,
                    doubleDescentIri(SWEEP_FAMILY, d),
                    summary,
                    peak.isPresent(),
                    g,
                    agent,
                    accept));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- shared

    private Finding store(
            String family,
            String subject,
            String detectorIri,
            String summary,
            boolean indicates,
            Graph g,
            AgentRef agent,
            boolean accept) {
        // a positive result of a detector not precise enough on the labelled corpus waits for a curator
        boolean review = accept && indicates && REVIEWED.contains(family);
        DetectorOutputs.Stored stored = outputs.store(
                family + " detector on " + subject,
                g,
                subject,
                family,
                "atlas " + family + " detector " + version(family),
                agent,
                accept && !review);
        return new Finding(
                family,
                subject,
                detectorIri,
                summary,
                indicates,
                stored.contribution(),
                stored.created(),
                stored.superseded(),
                review);
    }

    private static void link(Graph g, Node o, SeriesRef a, SeriesRef b) {
        g.add(o, Atlas.series.asNode(), DetectorOutputs.iri(a.iri()));
        if (b != null) {
            g.add(o, Atlas.series.asNode(), DetectorOutputs.iri(b.iri()));
        }
    }

    static final Set<String> LR_KEYS =
            Set.of("lr", "learning_rate", "learning-rate", "learningrate", "eta", "step_size");
    static final Set<String> BETA1_KEYS = Set.of("beta1", "beta_1", "adam_beta1", "betas", "beta");

    /** Whether a metric key logs the learning rate: {@code lr}, {@code train/lr}, {@code lr-Adam}, ... */
    static boolean isLearningRateKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String last = k.substring(Math.max(k.lastIndexOf('/'), k.lastIndexOf('.')) + 1);
        return LR_KEYS.contains(last) || last.startsWith("lr-") || last.startsWith("lr_") || last.endsWith("_lr");
    }

    private static Double configNumber(RunInfo info, String variable, Set<String> keys) {
        Node n = info.byVariable().get(variable);
        if (n == null) {
            for (Map.Entry<String, Node> e : info.config().entrySet()) {
                String k = e.getKey().toLowerCase(Locale.ROOT);
                String last = k.substring(Math.max(k.lastIndexOf('/'), k.lastIndexOf('.')) + 1);
                if (keys.contains(last)) {
                    n = e.getValue();
                    break;
                }
            }
        }
        if (n == null || !n.isLiteral()) {
            return null;
        }
        // a pair such as "(0.9, 0.98)" or "[0.9, 0.98]" gives its first number
        String text = n.getLiteralLexicalForm().replaceAll("^[\\s\\[(]+", "");
        int comma = text.indexOf(',');
        if (comma > 0) {
            text = text.substring(0, comma);
        }
        try {
            double v = Double.parseDouble(text.strip());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SeriesRef first(RunInfo info, String observable) {
        return info.series().stream()
                .filter(s -> observable.equals(s.observable()))
                .findFirst()
                .orElse(null);
    }

    private static String slugOf(String iri) {
        return org.physicsofai.atlas.importers.Slugs.digest(iri, 8);
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static Double number(Node n) {
        if (n == null || !n.isLiteral()) {
            return null;
        }
        try {
            double v = Double.parseDouble(n.getLiteralLexicalForm());
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The series and configuration of the runs (every run with a series when none are given). */
    private Map<String, RunInfo> runInfo(Collection<String> runs) {
        Map<String, RunInfo> infos = new LinkedHashMap<>();
        List<RDFNode> values = runs.stream()
                .distinct()
                .map(r -> (RDFNode) ResourceFactory.createResource(r))
                .toList();
        int chunk = 500;
        for (int from = 0; from < Math.max(1, values.size()); from += chunk) {
            List<RDFNode> part =
                    values.isEmpty() ? List.of() : values.subList(from, Math.min(values.size(), from + chunk));
            ParameterizedSparqlString pss =
                    new ParameterizedSparqlString("""
                    SELECT ?run ?series ?observable ?key ?unit WHERE {
                      %s
                      ?series a ?seriesClass ; ?runProp ?run ; ?keyProp ?key .
                      ?run a ?runClass .
                      OPTIONAL { ?series ?observableProp ?observable }
                      OPTIONAL { ?series ?unitProp ?unit }
                    } ORDER BY ?run ?series""".formatted(part.isEmpty() ? "" : "VALUES (?run) { ?runs }"));
            if (!part.isEmpty()) {
                pss.setValues("runs", part);
            }
            pss.setIri("seriesClass", Atlas.Series.getURI());
            pss.setIri("runClass", Atlas.Run.getURI());
            pss.setIri("runProp", Atlas.run.getURI());
            pss.setIri("keyProp", Atlas.metricKey.getURI());
            pss.setIri("observableProp", Atlas.observable.getURI());
            pss.setIri("unitProp", Atlas.unit.getURI());
            Map<String, List<SeriesRef>> seen = new LinkedHashMap<>();
            select(pss, row -> {
                String run = row.get("run").getURI();
                Node obs = row.get("observable");
                Node unit = row.get("unit");
                List<SeriesRef> list = seen.computeIfAbsent(run, r -> new ArrayList<>());
                String iri = row.get("series").getURI();
                if (list.stream().noneMatch(s -> s.iri().equals(iri))) {
                    list.add(new SeriesRef(
                            iri,
                            obs != null && obs.isURI() ? obs.getURI() : null,
                            row.get("key").getLiteralLexicalForm(),
                            unit != null && unit.isURI() ? unit.getURI() : null));
                }
            });
            if (seen.isEmpty()) {
                continue;
            }
            ParameterizedSparqlString cfg = new ParameterizedSparqlString("""
                    SELECT ?run ?key ?value ?var WHERE {
                      VALUES (?run) { ?runs }
                      ?run ?hasConfig ?c . ?c ?configKey ?key ; ?configValue ?value .
                      OPTIONAL { ?c ?variable ?var }
                    } ORDER BY ?run ?c""");
            cfg.setValues(
                    "runs",
                    seen.keySet().stream()
                            .map(r -> (RDFNode) ResourceFactory.createResource(r))
                            .toList());
            cfg.setIri("hasConfig", Atlas.hasConfig.getURI());
            cfg.setIri("configKey", Atlas.configKey.getURI());
            cfg.setIri("configValue", Atlas.configValue.getURI());
            cfg.setIri("variable", Atlas.variable.getURI());
            Map<String, Map<String, Node>> config = new LinkedHashMap<>();
            Map<String, Map<String, Node>> byVariable = new LinkedHashMap<>();
            select(cfg, row -> {
                String run = row.get("run").getURI();
                config.computeIfAbsent(run, r -> new LinkedHashMap<>())
                        .putIfAbsent(row.get("key").getLiteralLexicalForm(), row.get("value"));
                if (row.get("var") != null) {
                    byVariable
                            .computeIfAbsent(run, r -> new LinkedHashMap<>())
                            .putIfAbsent(row.get("var").getURI(), row.get("value"));
                }
            });
            seen.forEach((run, list) -> infos.put(
                    run,
                    new RunInfo(
                            run,
                            List.copyOf(list),
                            config.getOrDefault(run, Map.of()),
                            byVariable.getOrDefault(run, Map.of()))));
        }
        return infos;
    }

    private void select(ParameterizedSparqlString pss, Consumer<Binding> each) {
        outputs.store().query(pss.asQuery(), DetectorOutputs.QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(each);
            return null;
        });
    }
}
