package org.physicsofai.atlas.web.curves;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.detect.LearningPhase;
import org.physicsofai.atlas.detect.PhaseRule;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Service;

/**
 * The phase diagram of an experiment that varies two variables: its runs placed on a grid by their two
 * configuration values and coloured by their learning phase. A run's phase is the label of a detector
 * when one has labelled the run; otherwise the grokking detector's phase rule (the published rule of Liu
 * et al. 2022) applied to the steps to threshold recorded on the run; otherwise the label recorded with
 * the run. The recorded label is kept beside it, so that the page shows where the two disagree.
 *
 * <p>An axis is logarithmic when all its values are positive and span at least a decade; each cell
 * reaches half-way to its neighbours on the axis' scale, so that an uneven grid keeps its shape.
 */
@Service
public class PhaseDiagrams {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PHASE_LABEL = AtlasOntology.ID_BASE + "observable/learning-phase-label";
    private static final String STEPS_TO_TRAIN = AtlasOntology.ID_BASE + "observable/steps-to-train-threshold";
    private static final String STEPS_TO_TEST = AtlasOntology.ID_BASE + "observable/steps-to-test-threshold";

    private static final String CONFIG = CurveQueries.PREFIXES
            + "SELECT ?run ?runL ?runA ?var ?value WHERE { ?run a atlas:Run ; atlas:partOf ?exp ;"
            + " atlas:hasConfig ?c . ?c atlas:variable ?var ; atlas:configValue ?value . "
            + CurveQueries.LABEL.formatted("run") + " }";
    private static final String PHASES = CurveQueries.PREFIXES
            + "SELECT ?run ?phenomenon ?detector WHERE { ?run a atlas:Run ; atlas:partOf ?exp ."
            + " ?o atlas:run ?run ; atlas:observable ?phaseLabel ; atlas:indicates ?phenomenon ."
            + " OPTIONAL { ?o atlas:detectedBy ?detector } } ORDER BY ?run ?detector";
    private static final String STEPS = CurveQueries.PREFIXES
            + "SELECT ?run ?observable ?step WHERE { ?run a atlas:Run ; atlas:partOf ?exp ."
            + " ?o atlas:run ?run ; atlas:observable ?observable . FILTER (?observable IN (?train, ?test))"
            + " OPTIONAL { ?o atlas:step ?step } FILTER NOT EXISTS { ?o atlas:detectedBy ?any } }";

    /** Size of the drawing, in SVG user units. */
    static final int WIDTH = 720;

    static final int HEIGHT = 560;
    static final int LEFT = 90;
    static final int RIGHT = 20;
    static final int TOP = 20;
    static final int BOTTOM = 70;

    private final KnowledgeStore store;
    private final RunCurves curves;

    PhaseDiagrams(KnowledgeStore store, RunCurves curves) {
        this.store = store;
        this.curves = curves;
    }

    /** Where a cell's phase comes from. */
    public enum Basis {
        /** the phase observation of a detector */
        DETECTOR,
        /** the grokking detector's phase rule applied to the recorded steps to threshold */
        RULE,
        /** the phase recorded with the run */
        RECORDED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One axis: its variable, its scale and its ticks (position in user units, text). */
    public record Axis(String iri, String label, boolean log, List<Double> values, List<Tick> ticks) {}

    public record Tick(double at, String text) {}

    /** One cell: its runs, its phase, the recorded phase, and its rectangle. */
    public record Cell(
            List<RunCurves.Ref> runs,
            double x,
            double y,
            String xText,
            String yText,
            LearningPhase phase,
            Basis basis,
            LearningPhase recorded,
            double left,
            double top,
            double width,
            double height) {

        /** The page of the run, or the comparison of the runs sharing the cell. */
        public String href() {
            StringBuilder b = new StringBuilder(runs.size() == 1 ? "/run?iri=" : "/compare?");
            for (int i = 0; i < runs.size(); i++) {
                if (runs.size() > 1) {
                    b.append(i == 0 ? "" : "&").append("run=");
                }
                b.append(java.net.URLEncoder.encode(runs.get(i).iri(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return b.toString();
        }

        public String phaseKey() {
            return phase == null ? "unknown" : phase.label();
        }

        public String recordedKey() {
            return recorded == null ? "" : recorded.label();
        }

        /** Whether a recorded phase exists and differs from the shown one. */
        public boolean disagrees() {
            return recorded != null && phase != null && recorded != phase;
        }
    }

    /**
     * @param unplaced runs of the experiment without a value for one of the two variables
     * @param counts cells per phase, in the order of the phases
     */
    public record Diagram(
            String iri,
            String label,
            Axis x,
            Axis y,
            List<Cell> cells,
            int runs,
            int unplaced,
            Map<LearningPhase, Integer> counts,
            int disagreements,
            int width,
            int height,
            int plotLeft,
            int plotTop,
            int plotRight,
            int plotBottom) {

        /**
         * Whether the experiment's own name already says it is a phase diagram ("Phase diagram of ...",
         * "...相图"): the page's title is then the name alone, not "Phase diagram of Phase diagram of ...".
         */
        public boolean namedAsDiagram() {
            String l = label.toLowerCase(java.util.Locale.ROOT);
            return l.contains("phase diagram") || label.contains("相图");
        }
    }

    /** Why an experiment has no phase diagram. */
    public static final class NotTwoVariablesException extends IllegalArgumentException {
        NotTwoVariablesException(String message) {
            super(message);
        }
    }

    /**
     * The phase diagram of the experiment, or empty when the Atlas knows no such experiment.
     *
     * @throws NotTwoVariablesException when the experiment does not vary exactly two variables with numeric
     *     values
     */
    public Optional<Diagram> diagram(String experiment, String language) {
        Optional<ExperimentLabel> head = label(experiment, language);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<RunCurves.Ref> varies = curves.varies(experiment, language);
        if (varies.size() != 2) {
            throw new NotTwoVariablesException("The experiment " + experiment + " varies " + varies.size()
                    + " variable(s); a phase diagram needs exactly two.");
        }
        Map<String, RunCurves.Ref> runs = new LinkedHashMap<>();
        Map<String, Double[]> values = new LinkedHashMap<>();
        select(CONFIG, experiment, language, row -> {
            String run = row.get("run").getURI();
            runs.putIfAbsent(run, new RunCurves.Ref(run, RunCurves.label(row, "run", run)));
            Double v = number(row.get("value"));
            String var = row.get("var").getURI();
            int at = var.equals(varies.get(0).iri())
                    ? 0
                    : var.equals(varies.get(1).iri()) ? 1 : -1;
            if (at >= 0 && v != null) {
                values.computeIfAbsent(run, r -> new Double[2])[at] = v;
            }
        });
        Map<String, LearningPhase> detected = new LinkedHashMap<>();
        Map<String, LearningPhase> recorded = new LinkedHashMap<>();
        select(PHASES, experiment, language, row -> {
            LearningPhase phase = phase(row.get("phenomenon"));
            if (phase == null) {
                return;
            }
            String run = row.get("run").getURI();
            (row.get("detector") != null ? detected : recorded).putIfAbsent(run, phase);
        });
        Map<String, OptionalLong[]> steps = new LinkedHashMap<>();
        select(STEPS, experiment, language, row -> {
            OptionalLong[] s = steps.computeIfAbsent(run(row), r -> new OptionalLong[2]);
            int at = row.get("observable").getURI().equals(STEPS_TO_TRAIN) ? 0 : 1;
            Node step = row.get("step");
            OptionalLong value = step != null && step.isLiteral()
                    ? OptionalLong.of(Long.parseLong(step.getLiteralLexicalForm()))
                    : OptionalLong.empty();
            if (s[at] == null || value.isPresent()) {
                s[at] = value;
            }
        });

        // Whether the two variables are in the orientation of the published plot: x the one on a log scale.
        List<Double> first = distinct(values, 0);
        List<Double> second = distinct(values, 1);
        boolean swap = !logScale(first) && logScale(second);
        int xi = swap ? 1 : 0;
        int yi = 1 - xi;
        RunCurves.Ref xVar = varies.get(xi);
        RunCurves.Ref yVar = varies.get(yi);
        List<Double> xs = swap ? second : first;
        List<Double> ys = swap ? first : second;
        if (xs.isEmpty() || ys.isEmpty()) {
            throw new NotTwoVariablesException("The runs of " + experiment
                    + " have no numeric configuration values for both " + xVar.label() + " and " + yVar.label()
                    + ".");
        }
        Scale sx = new Scale(xs, LEFT, WIDTH - RIGHT, false);
        Scale sy = new Scale(ys, TOP, HEIGHT - BOTTOM, true);

        Map<List<Double>, List<String>> byCell = new LinkedHashMap<>();
        int unplaced = 0;
        for (String run : runs.keySet()) {
            Double[] v = values.get(run);
            if (v == null || v[0] == null || v[1] == null) {
                unplaced++;
                continue;
            }
            byCell.computeIfAbsent(List.of(v[xi], v[yi]), k -> new ArrayList<>())
                    .add(run);
        }
        List<Cell> cells = new ArrayList<>();
        Map<LearningPhase, Integer> counts = new EnumMap<>(LearningPhase.class);
        for (LearningPhase p : LearningPhase.values()) {
            counts.put(p, 0);
        }
        int disagreements = 0;
        List<Map.Entry<List<Double>, List<String>>> ordered = new ArrayList<>(byCell.entrySet());
        ordered.sort((a, b) -> {
            int c = Double.compare(b.getKey().get(1), a.getKey().get(1));
            return c != 0 ? c : Double.compare(a.getKey().get(0), b.getKey().get(0));
        });
        for (Map.Entry<List<Double>, List<String>> e : ordered) {
            double x = e.getKey().get(0);
            double y = e.getKey().get(1);
            String run = e.getValue().get(0);
            LearningPhase phase;
            Basis basis;
            if (detected.containsKey(run)) {
                phase = detected.get(run);
                basis = Basis.DETECTOR;
            } else if (steps.containsKey(run) && steps.get(run)[0] != null && steps.get(run)[1] != null) {
                phase = PhaseRule.PUBLISHED.classify(steps.get(run)[0], steps.get(run)[1]);
                basis = Basis.RULE;
            } else {
                phase = recorded.get(run);
                basis = phase == null ? null : Basis.RECORDED;
            }
            double[] xr = sx.band(x);
            double[] yr = sy.band(y);
            Cell cell = new Cell(
                    e.getValue().stream().map(runs::get).toList(),
                    x,
                    y,
                    NumberFormat.format(x),
                    NumberFormat.format(y),
                    phase,
                    basis,
                    recorded.get(run),
                    round(xr[0]),
                    round(yr[0]),
                    round(xr[1] - xr[0]),
                    round(yr[1] - yr[0]));
            if (phase != null) {
                counts.merge(phase, 1, Integer::sum);
            }
            if (cell.disagrees()) {
                disagreements++;
            }
            cells.add(cell);
        }
        Axis x = new Axis(xVar.iri(), xVar.label(), sx.log, xs, sx.ticks());
        Axis y = new Axis(yVar.iri(), yVar.label(), sy.log, ys, sy.ticks());
        return Optional.of(new Diagram(
                experiment,
                head.get().label(),
                x,
                y,
                List.copyOf(cells),
                runs.size(),
                unplaced,
                counts,
                disagreements,
                WIDTH,
                HEIGHT,
                LEFT,
                TOP,
                WIDTH - RIGHT,
                HEIGHT - BOTTOM));
    }

    /** Whether the values call for a log axis: all positive, spanning at least a decade. */
    static boolean logScale(List<Double> values) {
        if (values.isEmpty() || values.get(0) <= 0) {
            return false;
        }
        return values.get(values.size() - 1) / values.get(0) >= 10;
    }

    /** One axis' mapping from values to user units; cells reach half-way to their neighbours. */
    static final class Scale {
        final boolean log;
        private final List<Double> values;
        private final double lo;
        private final double hi;
        private final double from;
        private final double to;
        private final boolean inverted;

        Scale(List<Double> values, double from, double to, boolean inverted) {
            this.values = values;
            this.log = logScale(values);
            this.from = from;
            this.to = to;
            this.inverted = inverted;
            double first = t(values.get(0));
            double last = t(values.get(values.size() - 1));
            double pad = values.size() > 1 ? (t(values.get(1)) - first) / 2 : 0.5;
            double padEnd = values.size() > 1 ? (last - t(values.get(values.size() - 2))) / 2 : 0.5;
            this.lo = first - pad;
            this.hi = last + padEnd;
        }

        double t(double v) {
            return log ? Math.log10(v) : v;
        }

        double at(double v) {
            double f = (t(v) - lo) / (hi - lo);
            return inverted ? to - f * (to - from) : from + f * (to - from);
        }

        private double atT(double tv) {
            double f = (tv - lo) / (hi - lo);
            return inverted ? to - f * (to - from) : from + f * (to - from);
        }

        /** The cell's extent on this axis, low user unit first. */
        double[] band(double v) {
            int i = values.indexOf(v);
            double tv = t(v);
            double before = i > 0 ? (tv + t(values.get(i - 1))) / 2 : lo;
            double after = i < values.size() - 1 ? (tv + t(values.get(i + 1))) / 2 : hi;
            double a = atT(before);
            double b = atT(after);
            return new double[] {Math.min(a, b), Math.max(a, b)};
        }

        List<Tick> ticks() {
            List<Tick> ticks = new ArrayList<>();
            if (log) {
                for (long d = (long) Math.ceil(lo); d <= Math.floor(hi); d++) {
                    ticks.add(new Tick(round(atT(d)), "1e" + d));
                }
                if (ticks.size() >= 2) {
                    return ticks;
                }
                ticks.clear();
            }
            int step = Math.max(1, (int) Math.ceil(values.size() / 11.0));
            for (int i = 0; i < values.size(); i += step) {
                ticks.add(new Tick(round(at(values.get(i))), NumberFormat.format(values.get(i))));
            }
            return ticks;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static List<Double> distinct(Map<String, Double[]> values, int at) {
        TreeSet<Double> s = new TreeSet<>();
        values.values().forEach(v -> {
            if (v[0] != null && v[1] != null) {
                s.add(v[at]);
            }
        });
        return List.copyOf(s);
    }

    private static LearningPhase phase(Node phenomenon) {
        if (phenomenon == null || !phenomenon.isURI()) {
            return null;
        }
        for (LearningPhase p : LearningPhase.values()) {
            if (p.phenomenon().equals(phenomenon.getURI())) {
                return p;
            }
        }
        return null;
    }

    private static String run(Binding row) {
        return row.get("run").getURI();
    }

    private static Double number(Node value) {
        if (value == null || !value.isLiteral()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.getLiteralLexicalForm());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record ExperimentLabel(String label) {}

    private Optional<ExperimentLabel> label(String experiment, String language) {
        List<String> label = new ArrayList<>();
        select(
                CurveQueries.PREFIXES + "SELECT ?expL ?expA WHERE { ?exp a atlas:Experiment . "
                        + CurveQueries.LABEL.formatted("exp") + " }",
                experiment,
                language,
                row -> {
                    if (label.isEmpty()) {
                        label.add(RunCurves.label(row, "exp", experiment));
                    }
                });
        return label.isEmpty() ? Optional.empty() : Optional.of(new ExperimentLabel(label.get(0)));
    }

    private void select(String query, String experiment, String language, Consumer<Binding> each) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("exp", experiment);
        pss.setLiteral("lang", language);
        pss.setIri("phaseLabel", PHASE_LABEL);
        pss.setIri("train", STEPS_TO_TRAIN);
        pss.setIri("test", STEPS_TO_TEST);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                each.accept(rows.next());
            }
            return null;
        });
    }
}
