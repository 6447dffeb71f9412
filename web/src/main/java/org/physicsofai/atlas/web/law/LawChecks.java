package org.physicsofai.atlas.web.law;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.physicsofai.atlas.formula.Formula;
import org.physicsofai.atlas.law.LawChecker;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Service;

/**
 * A law and its checks for the law page: each accepted law check with its verdict, fitted values and
 * data, and, when the formula has one independent variable, a plot of the data with the published curve
 * (the formula with the published values, and the fitted values of parameters published without one;
 * drawn when at least one value is published) and the fitted curve (with the fitted values), server-rendered
 * as SVG. An axis is logarithmic when its values are positive and span at least a decade.
 */
@Service
public class LawChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PREFIXES = "PREFIX atlas: <" + Atlas.NS + ">\n"
            + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    /** Room left of the plot for the ticks' values and, apart from them, the vertical axis's name. */
    static final int LEFT = 100;

    static final int RIGHT = 20;
    static final int TOP = 20;
    static final int BOTTOM = 60;
    static final int CURVE_POINTS = 120;

    private final KnowledgeStore store;
    private final LawChecker checker;

    LawChecks(KnowledgeStore store, LawChecker checker) {
        this.store = store;
        this.checker = checker;
    }

    public record Parameter(String symbol, double value, Double uncertainty, Double published) {

        /** The published value as the source wrote it, or {@code null}. */
        public String publishedText() {
            return published == null ? null : org.physicsofai.atlas.web.system.PlainNumbers.text(published, 1e12, 1e-5);
        }
    }

    public record Point(double x, double y, double px, double py, String run) {}

    public record Tick(double at, String text) {}

    /** The plot of one check: data points and the two curves as SVG paths, with axes. */
    public record Plot(
            String xName,
            String yName,
            boolean xLog,
            boolean yLog,
            List<Point> points,
            String fitted,
            String published,
            List<Tick> xTicks,
            List<Tick> yTicks,
            int width,
            int height,
            int left,
            int top,
            int right,
            int bottom) {}

    public record Check(
            String iri,
            String verdict,
            Double rSquared,
            String experiment,
            String comment,
            Map<String, String> bindings,
            List<Parameter> parameters,
            int runs,
            int outside,
            Plot plot,
            String plan,
            String planLabel,
            String planNote,
            String group) {

        public String verdictKey() {
            return verdict.substring(verdict.lastIndexOf('#') + 1);
        }
    }

    /**
     * @param regime the law's machine-readable regime conditions, in the language (else English)
     */
    public record LawView(String iri, String label, String formula, List<String> regime, List<Check> checks) {}

    /**
     * A check as the "why" answer shows it beside the evidence: its verdict, the runs it used and those it
     * left out because they lie outside the law's stated regime.
     */
    public record Summary(String iri, String verdict, int runs, int outside, String comment) {

        public String verdictKey() {
            return verdict.substring(verdict.lastIndexOf('#') + 1);
        }
    }

    /** The accepted checks of a law, ordered by IRI; none for anything else. */
    public List<Summary> summaries(String law) {
        List<Summary> out = new ArrayList<>();
        select(
                PREFIXES + "SELECT ?check ?verdict (SAMPLE(?c) AS ?comment) (COUNT(DISTINCT ?used) AS ?n)"
                        + " (COUNT(DISTINCT ?out) AS ?o) WHERE {"
                        + " ?check a atlas:LawCheck ; atlas:checksLaw ?law ; atlas:verdict ?verdict ."
                        + " OPTIONAL { ?check rdfs:comment ?c } OPTIONAL { ?check atlas:usesData ?used }"
                        + " OPTIONAL { ?check atlas:outsideRegime ?out } } GROUP BY ?check ?verdict ORDER BY ?check",
                law,
                "en",
                row -> out.add(new Summary(
                        row.get("check").getURI(),
                        row.get("verdict").getURI(),
                        number(row.get("n")).intValue(),
                        number(row.get("o")).intValue(),
                        row.get("comment") == null ? "" : row.get("comment").getLiteralLexicalForm())));
        return List.copyOf(out);
    }

    /** The sources that state a claim or law ({@code atlas:source}), ordered by IRI. */
    public List<String> statedBy(String node) {
        List<String> out = new ArrayList<>();
        select(
                PREFIXES + "SELECT DISTINCT ?s WHERE { ?law atlas:source ?s FILTER(isIRI(?s)) } ORDER BY ?s",
                node,
                "en",
                row -> out.add(row.get("s").getURI()));
        return List.copyOf(out);
    }

    /** The law's regime conditions in words, in the language (else English), ordered by IRI. */
    List<String> regime(String law, String language) {
        List<String> out = new ArrayList<>();
        select(
                PREFIXES
                        + "SELECT ?c (SAMPLE(?l) AS ?text) (SAMPLE(?e) AS ?english) WHERE { ?law atlas:regimeCondition ?c ."
                        + " OPTIONAL { ?c skos:definition ?l FILTER(langMatches(lang(?l), ?lang)) }"
                        + " OPTIONAL { ?c skos:definition ?e FILTER(langMatches(lang(?e), \"en\")) } }"
                        + " GROUP BY ?c ORDER BY ?c",
                law,
                language,
                row -> {
                    String text = text(row.get("text"), row.get("english"));
                    if (text != null) {
                        out.add(text);
                    }
                });
        return List.copyOf(out);
    }

    public Optional<LawView> law(String law, String language) {
        List<String[]> head = new ArrayList<>();
        select(
                PREFIXES + "SELECT ?formula ?l ?a WHERE { ?law a atlas:Law ; atlas:formula ?formula ."
                        + " OPTIONAL { ?law skos:prefLabel ?l FILTER(langMatches(lang(?l), ?lang)) }"
                        + " OPTIONAL { ?law skos:prefLabel|rdfs:label ?a } }",
                law,
                language,
                row -> {
                    if (head.isEmpty()) {
                        Node l = row.get("l") != null ? row.get("l") : row.get("a");
                        head.add(new String[] {
                            row.get("formula").getLiteralLexicalForm(), l == null ? law : l.getLiteralLexicalForm()
                        });
                    }
                });
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> published = checker.published(law);
        Map<String, Object[]> checks = new LinkedHashMap<>();
        Map<String, Map<String, String>> bindings = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check ?verdict ?r2 ?exp ?comment ?key ?value WHERE {"
                        + " ?check a atlas:LawCheck ; atlas:checksLaw ?law ; atlas:verdict ?verdict ; atlas:run ?exp ."
                        + " OPTIONAL { ?check atlas:rSquared ?r2 } OPTIONAL { ?check rdfs:comment ?comment }"
                        + " OPTIONAL { ?check atlas:hasConfig ?c . ?c atlas:configKey ?key ; atlas:configValue ?value"
                        + " FILTER (STRSTARTS(?key, \"" + LawChecker.BINDING + "\")) } } ORDER BY ?check",
                law,
                language,
                row -> {
                    String check = row.get("check").getURI();
                    checks.putIfAbsent(check, new Object[] {
                        row.get("verdict").getURI(),
                        number(row.get("r2")),
                        row.get("exp").getURI(),
                        row.get("comment") == null ? "" : row.get("comment").getLiteralLexicalForm()
                    });
                    if (row.get("key") != null) {
                        bindings.computeIfAbsent(check, k -> new TreeMap<>())
                                .put(
                                        row.get("key").getLiteralLexicalForm().substring(LawChecker.BINDING.length()),
                                        row.get("value").getLiteralLexicalForm());
                    }
                });
        // the plan a check follows (its label and note in the language, else English) and its group of runs
        Map<String, String[]> plans = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check ?plan ?pl ?pn ?el ?en WHERE { ?check atlas:checksLaw ?law ;"
                        + " atlas:followsPlan ?plan ."
                        + " OPTIONAL { ?plan skos:prefLabel ?pl FILTER(langMatches(lang(?pl), ?lang)) }"
                        + " OPTIONAL { ?plan rdfs:comment ?pn FILTER(langMatches(lang(?pn), ?lang)) }"
                        + " OPTIONAL { ?plan skos:prefLabel ?el FILTER(langMatches(lang(?el), \"en\")) }"
                        + " OPTIONAL { ?plan rdfs:comment ?en FILTER(langMatches(lang(?en), \"en\")) } }",
                law,
                language,
                row -> plans.putIfAbsent(row.get("check").getURI(), new String[] {
                    row.get("plan").getURI(), text(row.get("pl"), row.get("el")), text(row.get("pn"), row.get("en"))
                }));
        Map<String, LawChecker.Slice> slices = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        select(
                PREFIXES
                        + "SELECT ?check ?var ?value ?vl ?ve WHERE { ?check atlas:checksLaw ?law ; atlas:hasConfig ?c ."
                        + " ?c atlas:configKey \"" + LawChecker.SLICE
                        + "\" ; atlas:variable ?var ; atlas:configValue ?value ."
                        + " OPTIONAL { ?var skos:prefLabel ?vl FILTER(langMatches(lang(?vl), ?lang)) }"
                        + " OPTIONAL { ?var skos:prefLabel ?ve FILTER(langMatches(lang(?ve), \"en\")) } }",
                law,
                language,
                row -> {
                    Double v = number(row.get("value"));
                    if (v != null) {
                        String check = row.get("check").getURI();
                        slices.put(check, new LawChecker.Slice(row.get("var").getURI(), v));
                        String name = text(row.get("vl"), row.get("ve"));
                        groups.put(
                                check,
                                (name == null ? row.get("var").getURI() : name) + " = "
                                        + new java.math.BigDecimal(v)
                                                .round(new java.math.MathContext(4))
                                                .stripTrailingZeros()
                                                .toPlainString());
                    }
                });
        Map<String, List<Parameter>> parameters = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check ?symbol ?value ?unc WHERE { ?check atlas:checksLaw ?law ;"
                        + " atlas:fittedParameter ?p . ?p atlas:symbol ?symbol ; atlas:value ?value ."
                        + " OPTIONAL { ?p atlas:uncertainty ?unc } } ORDER BY ?check ?symbol",
                law,
                language,
                row -> {
                    String symbol = row.get("symbol").getLiteralLexicalForm();
                    parameters
                            .computeIfAbsent(row.get("check").getURI(), k -> new ArrayList<>())
                            .add(new Parameter(
                                    symbol, number(row.get("value")), number(row.get("unc")), published.get(symbol)));
                });
        Map<String, Integer> used = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check (COUNT(DISTINCT ?run) AS ?n) WHERE { ?check atlas:checksLaw ?law ;"
                        + " atlas:usesData ?run } GROUP BY ?check",
                law,
                language,
                row -> used.put(row.get("check").getURI(), number(row.get("n")).intValue()));
        Map<String, Integer> outside = new LinkedHashMap<>();
        select(
                PREFIXES + "SELECT ?check (COUNT(DISTINCT ?run) AS ?n) WHERE { ?check atlas:checksLaw ?law ;"
                        + " atlas:outsideRegime ?run } GROUP BY ?check",
                law,
                language,
                row -> outside.put(
                        row.get("check").getURI(), number(row.get("n")).intValue()));
        Formula formula = Formula.parse(head.get(0)[0]);
        List<Check> out = new ArrayList<>();
        checks.forEach((iri, c) -> {
            Map<String, String> b = bindings.getOrDefault(iri, Map.of());
            List<Parameter> ps = parameters.getOrDefault(iri, List.of());
            out.add(new Check(
                    iri,
                    (String) c[0],
                    (Double) c[1],
                    (String) c[2],
                    (String) c[3],
                    b,
                    ps,
                    used.getOrDefault(iri, 0),
                    outside.getOrDefault(iri, 0),
                    plot(formula, (String) c[2], b, slices.get(iri), ps, published),
                    plans.containsKey(iri) ? plans.get(iri)[0] : null,
                    plans.containsKey(iri) ? plans.get(iri)[1] : null,
                    plans.containsKey(iri) ? plans.get(iri)[2] : null,
                    groups.get(iri)));
        });
        return Optional.of(new LawView(law, head.get(0)[1], head.get(0)[0], regime(law, language), List.copyOf(out)));
    }

    private static String text(Node preferred, Node english) {
        Node n = preferred != null ? preferred : english;
        return n == null ? null : n.getLiteralLexicalForm();
    }

    /** The plot, or null when the formula has not exactly one independent variable or there is no data. */
    Plot plot(
            Formula formula,
            String experiment,
            Map<String, String> bindings,
            LawChecker.Slice slice,
            List<Parameter> fitted,
            Map<String, Double> published) {
        if (bindings.isEmpty() || fitted.isEmpty()) {
            return null;
        }
        List<String> independent = formula.identifiers().stream()
                .filter(id -> !id.equals(formula.target()))
                .filter(id -> fitted.stream().noneMatch(p -> p.symbol().equals(id)))
                .filter(id -> !published.containsKey(id))
                .toList();
        if (independent.size() != 1 || !bindings.containsKey(formula.target())) {
            return null;
        }
        String xName = independent.get(0);
        String yName = formula.target();
        List<double[]> data = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        checker.data(experiment, bindings, slice).forEach((run, values) -> {
            Double x = values.get(xName);
            Double y = values.get(yName);
            if (x != null && y != null && x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y)) {
                data.add(new double[] {x, y});
                runs.add(run);
            }
        });
        if (data.isEmpty()) {
            return null;
        }
        Map<String, Double> fittedValues = new TreeMap<>();
        fitted.forEach(p -> fittedValues.put(p.symbol(), p.value()));
        // the published curve: the published values, and the fitted ones for parameters published without one
        boolean anyPublished = fitted.stream().anyMatch(p -> published.containsKey(p.symbol()));
        Map<String, Double> publishedValues = new TreeMap<>(fittedValues);
        published.forEach((k, v) -> {
            if (publishedValues.containsKey(k)) {
                publishedValues.put(k, v);
            }
        });
        double xMin = data.stream().mapToDouble(d -> d[0]).min().orElseThrow();
        double xMax = data.stream().mapToDouble(d -> d[0]).max().orElseThrow();
        if (xMin == xMax) {
            xMin /= 2;
            xMax *= 2;
        }
        boolean xLog = xMax / xMin >= 10;
        double[] xs = new double[CURVE_POINTS];
        double[] fy = new double[CURVE_POINTS];
        double[] py = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            double f = i / (CURVE_POINTS - 1.0);
            xs[i] = xLog
                    ? Math.pow(10, Math.log10(xMin) + f * (Math.log10(xMax) - Math.log10(xMin)))
                    : xMin + f * (xMax - xMin);
            fy[i] = evaluate(formula, xName, xs[i], fittedValues);
            py[i] = anyPublished ? evaluate(formula, xName, xs[i], publishedValues) : Double.NaN;
        }
        List<Double> ys = new ArrayList<>();
        data.forEach(d -> ys.add(d[1]));
        for (int i = 0; i < CURVE_POINTS; i++) {
            if (fy[i] > 0 && Double.isFinite(fy[i])) {
                ys.add(fy[i]);
            }
            if (py[i] > 0 && Double.isFinite(py[i])) {
                ys.add(py[i]);
            }
        }
        double yMin = ys.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double yMax = ys.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (yMin == yMax) {
            yMin /= 2;
            yMax *= 2;
        }
        boolean yLog = yMax / yMin >= 10;
        Axis ax = new Axis(xMin, xMax, xLog, LEFT, WIDTH - RIGHT);
        Axis ay = new Axis(yMin, yMax, yLog, HEIGHT - BOTTOM, TOP);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            double[] d = data.get(i);
            points.add(new Point(d[0], d[1], ax.at(d[0]), ay.at(d[1]), runs.get(i)));
        }
        return new Plot(
                xName,
                yName,
                xLog,
                yLog,
                List.copyOf(points),
                path(xs, fy, ax, ay),
                anyPublished ? path(xs, py, ax, ay) : null,
                ax.ticks(),
                ay.ticks(),
                WIDTH,
                HEIGHT,
                LEFT,
                TOP,
                WIDTH - RIGHT,
                HEIGHT - BOTTOM);
    }

    private static double evaluate(Formula formula, String x, double value, Map<String, Double> parameters) {
        Map<String, Double> all = new TreeMap<>(parameters);
        all.put(x, value);
        try {
            return formula.expression().evaluate(all);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** An SVG path through the finite positive points (a new segment after a gap), or null. */
    private static String path(double[] xs, double[] ys, Axis ax, Axis ay) {
        StringBuilder b = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < xs.length; i++) {
            boolean ok = Double.isFinite(ys[i]) && (!ay.log || ys[i] > 0) && ys[i] >= ay.min && ys[i] <= ay.max;
            if (!ok) {
                pen = false;
                continue;
            }
            b.append(pen ? " L" : (b.isEmpty() ? "M" : " M"))
                    .append(String.format(Locale.ROOT, "%.2f %.2f", ax.at(xs[i]), ay.at(ys[i])));
            pen = true;
        }
        return b.isEmpty() ? null : b.toString();
    }

    /** A continuous axis from values to user units. */
    static final class Axis {
        final double min;
        final double max;
        final boolean log;
        final double from;
        final double to;

        Axis(double min, double max, boolean log, double from, double to) {
            this.min = min;
            this.max = max;
            this.log = log;
            this.from = from;
            this.to = to;
        }

        double t(double v) {
            return log ? Math.log10(v) : v;
        }

        double at(double v) {
            double f = (t(v) - t(min)) / (t(max) - t(min));
            return Math.round((from + f * (to - from)) * 100) / 100.0;
        }

        /**
         * Ticks at round values: on a log axis the powers of ten within it, else 1, 2 and 5 times them,
         * else every digit times them; on a linear axis steps of 1, 2 or 5 times a power of ten.
         */
        List<Tick> ticks() {
            return (log ? logTicks(min, max) : linearTicks(min, max))
                    .stream().map(v -> new Tick(at(v), tickText(v))).toList();
        }

        static List<Double> logTicks(double min, double max) {
            List<Double> out = List.of();
            for (int[] mantissas : new int[][] {{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
                List<Double> ticks = new ArrayList<>();
                for (int d = (int) Math.floor(Math.log10(min)); d <= (int) Math.ceil(Math.log10(max)); d++) {
                    for (int m : mantissas) {
                        double v = round(m * Math.pow(10, d));
                        if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) {
                            ticks.add(v);
                        }
                    }
                }
                out = ticks;
                if (ticks.size() >= 3) {
                    break;
                }
            }
            return out.isEmpty() ? linearTicks(min, max) : out;
        }

        static List<Double> linearTicks(double min, double max) {
            double raw = (max - min) / 4;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = power;
            for (double m : new double[] {1, 2, 5, 10}) {
                if (m * power >= raw * (1 - 1e-9)) {
                    step = m * power;
                    break;
                }
            }
            List<Double> ticks = new ArrayList<>();
            for (double v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
                ticks.add(round(v));
            }
            return ticks;
        }

        /** The value cut to 12 significant digits, so that sums of steps read as round numbers. */
        private static double round(double v) {
            return v == 0
                    ? 0
                    : new java.math.BigDecimal(v)
                            .round(new java.math.MathContext(12))
                            .doubleValue();
        }

        static String tickText(double v) {
            return org.physicsofai.atlas.web.system.PlainNumbers.text(v, 1e4, 1e-3);
        }
    }

    private static Double number(Node n) {
        if (n == null || !n.isLiteral()) {
            return null;
        }
        try {
            return Double.parseDouble(n.getLiteralLexicalForm());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void select(String query, String law, String language, Consumer<Binding> each) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("law", law);
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(each);
            return null;
        });
    }
}
