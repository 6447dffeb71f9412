package org.physicsofai.atlas.law;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.ValidationException;
import org.physicsofai.atlas.formula.Formula;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.CurrentContributions;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Submission;

/**
 * Checks a law against the runs of an experiment in accepted knowledge: reads the law's formula and
 * published parameters, collects one data point per run (each formula variable bound to an observable,
 * read from the run's observation, or to a variable, read from the run's configuration), fits every
 * parameter in log space with a {@link LawFitter}, compares the published values with the confidence
 * intervals, and stores an {@code atlas:LawCheck} with a verdict as a contribution (method {@code
 * detector}) that supports or disputes the law.
 */
public final class LawChecker {

    public static final String VERSION = "1.0.0";

    /** The configuration key prefix of a check's bindings: {@code binding:t_grok}. */
    public static final String BINDING = "binding:";

    /** The configuration key of a check's group of runs (its variable and value), when a plan groups them. */
    public static final String SLICE = "slice";

    /** Without published values, the verdict follows the fit's R^2 (in log space): at least this is consistent. */
    public static final double CONSISTENT_R2 = 0.8;

    /** Below this R^2 the data dispute the law's form. */
    public static final double INCONSISTENT_R2 = 0.3;

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final ContributionService contributions;
    private final String baseIri;
    private final LawFitter fitter = new LawFitter(0.95);

    public LawChecker(KnowledgeStore store, ContributionService contributions, String baseIri) {
        if (!baseIri.endsWith("/id/")) {
            throw new IllegalArgumentException("The IRI base must end in /id/: " + baseIri);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.contributions = Objects.requireNonNull(contributions, "contributions");
        this.baseIri = baseIri;
    }

    /** The verdict, one of the ontology's law-check verdicts. */
    public enum Verdict {
        CONSISTENT(Atlas.consistent.getURI()),
        INCONSISTENT(Atlas.inconsistent.getURI()),
        INCONCLUSIVE(Atlas.inconclusive.getURI()),
        /** no run of the data lies inside the law's stated regime: neither supports nor disputes it */
        NOT_TESTABLE(Atlas.notTestable.getURI());

        private final String iri;

        Verdict(String iri) {
            this.iri = iri;
        }

        public String iri() {
            return iri;
        }

        public String label() {
            return this == NOT_TESTABLE ? "not testable with this data" : name().toLowerCase(Locale.ROOT);
        }

        /** The verdict in Chinese, for the check's Chinese name. */
        public String labelZh() {
            return switch (this) {
                case CONSISTENT -> "一致";
                case INCONSISTENT -> "不一致";
                case INCONCLUSIVE -> "无定论";
                case NOT_TESTABLE -> "无法用这些数据检验";
            };
        }
    }

    /**
     * One machine-readable condition of a law's stated regime ({@code atlas:regimeCondition}): the
     * variable and its bounds (null when not stated), or for a categorical variable the values it may take
     * ({@code atlas:oneOf}; empty when none is stated).
     */
    public record Condition(
            String iri,
            String variable,
            String text,
            Double atLeast,
            Double greaterThan,
            Double atMost,
            Double lessThan,
            List<String> oneOf) {

        public Condition {
            oneOf = oneOf == null ? List.of() : List.copyOf(oneOf);
        }

        /** A condition with numeric bounds only. */
        public Condition(
                String iri,
                String variable,
                String text,
                Double atLeast,
                Double greaterThan,
                Double atMost,
                Double lessThan) {
            this(iri, variable, text, atLeast, greaterThan, atMost, lessThan, List.of());
        }

        /** Whether the condition names the values a categorical variable may take. */
        public boolean categorical() {
            return !oneOf.isEmpty();
        }

        /** Whether a value lies within every bound (a categorical condition holds for no number). */
        public boolean holds(double value) {
            return !categorical()
                    && (atLeast == null || value >= atLeast)
                    && (greaterThan == null || value > greaterThan)
                    && (atMost == null || value <= atMost)
                    && (lessThan == null || value < lessThan);
        }

        /** Whether a category (a configuration value as written) is one of the allowed values, ignoring case. */
        public boolean holds(String category) {
            return category != null && oneOf.stream().anyMatch(v -> v.strip().equalsIgnoreCase(category.strip()));
        }

        /** The bounds as text, such as {@code > 1} or {@code one of AdamW}. */
        public String bounds() {
            List<String> parts = new ArrayList<>();
            if (categorical()) {
                parts.add("one of " + String.join(", ", oneOf));
            }
            if (atLeast != null) {
                parts.add(">= " + plain(atLeast));
            }
            if (greaterThan != null) {
                parts.add("> " + plain(greaterThan));
            }
            if (atMost != null) {
                parts.add("<= " + plain(atMost));
            }
            if (lessThan != null) {
                parts.add("< " + plain(lessThan));
            }
            return String.join(" and ", parts);
        }
    }

    /**
     * @param check the LawCheck node
     * @param runs the runs whose data were used
     * @param left out runs of the experiment without a value for every variable or with a non-positive one
     * @param outside the runs left out because they lie outside the law's stated regime, each with why
     * @param fit the fit, or {@code null} when no run lies inside the regime ({@link Verdict#NOT_TESTABLE})
     * @param published published parameter values by symbol
     */
    public record Result(
            String check,
            String law,
            List<String> runs,
            int left,
            Map<String, String> outside,
            LawFit fit,
            Map<String, Double> published,
            Verdict verdict,
            String reason,
            String contribution,
            boolean created) {}

    /** What one check found, before it is stored: its statements are made from it, and its result. */
    private record Finding(
            String check,
            String law,
            String experiment,
            Map<String, String> bindings,
            Slice slice,
            String plan,
            Formula formula,
            List<String> runs,
            int left,
            Map<String, String> outside,
            List<Condition> regime,
            LawFit fit,
            Map<String, Double> published,
            Verdict verdict,
            String reason) {}

    /**
     * A group of runs: those whose configuration value of the variable equals the value. A plan checks
     * a law per value of a variable its parameters may depend on.
     */
    public record Slice(String variable, double value) {

        /** Whether a run's value of the variable belongs to this group (equal up to rounding). */
        boolean holds(Double v) {
            return v != null && Math.abs(v - value) <= 1e-9 * Math.max(1, Math.abs(value));
        }
    }

    /** A symbol is bound to an observable or variable that no run of the experiment has. */
    public static final class UnboundSymbolException extends IllegalArgumentException {
        public UnboundSymbolException(String message) {
            super(message);
        }
    }

    /** There is no data in the law's domain to check it against. */
    public static final class OutOfDomainException extends IllegalArgumentException {
        public OutOfDomainException(String message) {
            super(message);
        }
    }

    /**
     * @param bindings each variable of the formula (the target among them) to the IRI of an {@code
     *     atlas:Observable} or an {@code atlas:Variable}
     * @throws OutOfDomainException when the experiment has too few runs with positive values of every
     *     variable
     */
    public Result check(
            String lawIri, String experimentIri, Map<String, String> bindings, AgentRef agent, boolean accept) {
        return check(lawIri, experimentIri, bindings, null, null, agent, accept);
    }

    /**
     * Checks the law over the runs of one group of the experiment, as a plan asks.
     *
     * @param slice only the runs with this configuration value, or {@code null} for every run
     * @param plan the {@code atlas:LawCheckPlan} the check follows, or {@code null}
     * @throws UnboundSymbolException when no run of the experiment (of the slice) has a value of a bound
     *     observable or variable
     */
    public Result check(
            String lawIri,
            String experimentIri,
            Map<String, String> bindings,
            Slice slice,
            String plan,
            AgentRef agent,
            boolean accept) {
        Formula formula = Formula.parse(formulaOf(lawIri));
        Map<String, Double> published = new TreeMap<>();
        Set<String> symbols = parameters(lawIri, published);
        List<String> variables = new ArrayList<>();
        variables.add(formula.target());
        formula.identifiers().stream().filter(id -> !symbols.contains(id)).forEach(variables::add);
        for (String v : variables) {
            if (!bindings.containsKey(v)) {
                throw new IllegalArgumentException("The formula's variable " + v + " is bound to no observable or"
                        + " variable; give one of " + variables);
            }
        }
        Map<String, Map<String, Double>> rows = data(experimentIri, bindings, variables);
        keepGroup(rows, experimentIri, slice);
        for (String v : variables) {
            if (rows.values().stream().noneMatch(r -> r.containsKey(v))) {
                throw new UnboundSymbolException("The symbol " + v + " of " + lawIri + " is bound to "
                        + bindings.get(v) + ", which no run of " + experimentIri
                        + (slice == null ? "" : " with " + slice.variable() + " = " + slice.value())
                        + " has a value of (no observation of it with a value, no configuration value for it); "
                        + rows.size() + " run(s) looked at");
            }
        }
        // the Atlas's own analysis is evidence only inside the law's stated regime
        List<Condition> regime = regime(lawIri);
        Map<String, String> outside = outsideRegime(experimentIri, regime, rows.keySet());
        rows.keySet().removeAll(outside.keySet());
        String check = baseIri + "lawcheck/"
                + Slugs.digest(
                        lawIri + "\n" + experimentIri + "\n" + new TreeMap<>(bindings)
                                + (slice == null ? "" : "\n" + slice.variable() + "=" + slice.value())
                                // a check a plan asks for is the plan's, apart from the same check made by hand
                                + (plan == null ? "" : "\nplan " + plan),
                        16);
        if (rows.isEmpty() && !outside.isEmpty()) {
            String reason = "none of the " + outside.size() + " run(s) lies inside the law's stated regime ("
                    + regimeText(regime) + ")";
            return store(
                    new Finding(
                            check,
                            lawIri,
                            experimentIri,
                            bindings,
                            slice,
                            plan,
                            formula,
                            List.of(),
                            0,
                            outside,
                            regime,
                            null,
                            published,
                            Verdict.NOT_TESTABLE,
                            reason),
                    slice == null,
                    agent,
                    accept);
        }
        List<String> runs = new ArrayList<>();
        int left = 0;
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            boolean ok = row.getValue().size() == variables.size()
                    && row.getValue().values().stream().allMatch(x -> x > 0 && Double.isFinite(x));
            if (ok) {
                runs.add(row.getKey());
            } else {
                left++;
            }
        }
        if (runs.size() < symbols.size() + 2) {
            throw new OutOfDomainException("The experiment " + experimentIri + " has " + runs.size()
                    + " run(s) with positive values of " + variables
                    + (outside.isEmpty() ? "" : " inside the law's regime (" + outside.size() + " outside)")
                    + "; checking " + symbols.size() + " parameter(s) needs at least " + (symbols.size() + 2));
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String v : variables) {
            columns.put(v, runs.stream().mapToDouble(r -> rows.get(r).get(v)).toArray());
        }
        Map<String, Double> start = new LinkedHashMap<>();
        for (String s : symbols) {
            start.put(s, published.getOrDefault(s, 1.0));
        }
        LawFit fit = fitter.fit(formula, start, Map.of(), columns, LawFitter.Space.LOG);
        Verdict verdict;
        String reason;
        List<String> missed = published.entrySet().stream()
                .filter(e -> !fit.estimate(e.getKey()).covers(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (!published.isEmpty() && !missed.isEmpty()) {
            verdict = Verdict.INCONSISTENT;
            reason = "the published value of " + missed + " lies outside the 95% interval of the fit";
        } else if (fit.rSquared() < INCONSISTENT_R2) {
            verdict = Verdict.INCONSISTENT;
            reason = "the law's form explains little of the data: R^2 (log) " + round(fit.rSquared()) + " < "
                    + INCONSISTENT_R2;
        } else if (fit.rSquared() >= CONSISTENT_R2) {
            verdict = Verdict.CONSISTENT;
            reason =
                    (published.isEmpty() ? "no published values; " : "every published value lies in its 95% interval; ")
                            + "R^2 (log) " + round(fit.rSquared()) + " >= " + CONSISTENT_R2;
        } else {
            verdict = Verdict.INCONCLUSIVE;
            reason =
                    "R^2 (log) " + round(fit.rSquared()) + " lies between " + INCONSISTENT_R2 + " and " + CONSISTENT_R2;
        }
        return store(
                new Finding(
                        check,
                        lawIri,
                        experimentIri,
                        bindings,
                        slice,
                        plan,
                        formula,
                        runs,
                        left,
                        outside,
                        regime,
                        fit,
                        published,
                        verdict,
                        reason),
                false,
                agent,
                accept);
    }

    /**
     * Stores a check, superseding the earlier ones of the same law, experiment and bindings, and of the
     * same plan and group; a check that is not testable at all supersedes every check of its plan, and a
     * testable one every check of its plan that was not.
     */
    private Result store(Finding f, boolean wholePlan, AgentRef agent, boolean accept) {
        String check = f.check();
        String plan = f.plan();
        List<String> supersedes = new ArrayList<>(earlier(check));
        if (plan != null) {
            earlierOfPlan(plan, f.slice(), wholePlan).stream()
                    .filter(g -> !supersedes.contains(g))
                    .forEach(supersedes::add);
        }
        Submission submission;
        try {
            submission = contributions.submit(
                    "law check of " + f.law(),
                    new NewContribution(
                            graph(f),
                            ContributionMethod.DETECTOR,
                            agent,
                            null,
                            null,
                            "atlas law checker " + VERSION,
                            supersedes,
                            accept));
        } catch (ValidationException e) {
            throw new IllegalStateException("The law check made statements that do not conform: " + e, e);
        }
        return new Result(
                check,
                f.law(),
                List.copyOf(f.runs()),
                f.left(),
                Map.copyOf(f.outside()),
                f.fit(),
                Map.copyOf(f.published()),
                f.verdict(),
                f.reason(),
                submission.contribution().iri(),
                submission.created());
    }

    private Graph graph(Finding f) {
        String check = f.check();
        String law = f.law();
        String experiment = f.experiment();
        Map<String, String> bindings = f.bindings();
        Slice slice = f.slice();
        String plan = f.plan();
        Formula formula = f.formula();
        List<String> runs = f.runs();
        Map<String, String> outside = f.outside();
        List<Condition> regime = f.regime();
        LawFit fit = f.fit();
        Map<String, Double> published = f.published();
        Verdict verdict = f.verdict();
        String reason = f.reason();
        Graph g = GraphFactory.createDefaultGraph();
        Node c = iri(check);
        Node checker = iri(baseIri + "detector/law-checker-" + VERSION);
        g.add(checker, RDF.type.asNode(), Atlas.Detector.asNode());
        g.add(checker, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("Law checker " + VERSION, "en"));
        g.add(checker, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("定律检验器 " + VERSION, "zh"));
        g.add(checker, Atlas.version.asNode(), NodeFactory.createLiteralString(VERSION));
        g.add(
                checker,
                SKOS.definition.asNode(),
                NodeFactory.createLiteralLang(
                        "Fits every parameter of a law's formula to the runs of an experiment by nonlinear least"
                                + " squares in log space (Levenberg-Marquardt), with 95% Student-t intervals; the"
                                + " verdict is inconsistent when a published value lies outside its interval or R^2"
                                + " < " + INCONSISTENT_R2 + ", consistent when R^2 >= " + CONSISTENT_R2
                                + ", inconclusive otherwise. Only the runs inside the law's stated regime (its"
                                + " regime conditions) are used; when none is, the law is not testable with the"
                                + " data.",
                        "en"));
        g.add(c, RDF.type.asNode(), Atlas.LawCheck.asNode());
        g.add(
                c,
                SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang(
                        "Check of " + formula.text() + " over " + runs.size() + " runs"
                                + (slice == null ? "" : " (" + sliceText(slice, "en") + ")") + ": " + verdict.label()
                                + (outside.isEmpty() ? "" : " (" + outside.size() + " runs outside the regime)"),
                        "en"));
        g.add(
                c,
                SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang(
                        "对 " + formula.text() + " 在 " + runs.size() + " 次运行上的检验"
                                + (slice == null ? "" : "（" + sliceText(slice, "zh") + "）") + "：" + verdict.labelZh()
                                + (outside.isEmpty() ? "" : "（适用范围之外 " + outside.size() + " 次运行）"),
                        "zh"));
        g.add(c, Atlas.checksLaw.asNode(), iri(law));
        if (plan != null) {
            g.add(c, Atlas.followsPlan.asNode(), iri(plan));
        }
        if (slice != null) {
            Node setting = iri(check + "-slice");
            g.add(c, Atlas.hasConfig.asNode(), setting);
            g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString(SLICE));
            g.add(setting, Atlas.variable.asNode(), iri(slice.variable()));
            g.add(
                    setting,
                    Atlas.configValue.asNode(),
                    NodeValue.makeDouble(slice.value()).asNode());
        }
        g.add(c, Atlas.verdict.asNode(), iri(verdict.iri()));
        g.add(c, Atlas.detectedBy.asNode(), checker);
        g.add(c, Atlas.run.asNode(), iri(experiment));
        // the bindings, so that the check can be made again when new data arrives
        new TreeMap<>(bindings).forEach((variable, bound) -> {
            Node setting = iri(check + "-binding-" + Slugs.digest(variable, 8));
            g.add(c, Atlas.hasConfig.asNode(), setting);
            g.add(setting, RDF.type.asNode(), Atlas.ConfigSetting.asNode());
            g.add(setting, Atlas.configKey.asNode(), NodeFactory.createLiteralString(BINDING + variable));
            g.add(setting, Atlas.configValue.asNode(), NodeFactory.createLiteralString(bound));
        });
        for (String run : runs) {
            g.add(c, Atlas.usesData.asNode(), iri(run));
        }
        for (String run : outside.keySet()) {
            g.add(c, Atlas.outsideRegime.asNode(), iri(run));
        }
        String caveat = outside.isEmpty()
                ? ""
                : outside.size() + " run(s) outside the law's stated regime (" + regimeText(regime)
                        + ") are left out: they neither support nor dispute the law.";
        if (fit == null) {
            g.add(
                    c,
                    RDFS.comment.asNode(),
                    NodeFactory.createLiteralLang("Not testable with this data: " + reason + ". " + caveat, "en"));
            return g;
        }
        g.add(c, Atlas.rSquared.asNode(), dbl(fit.rSquared()));
        if (verdict == Verdict.CONSISTENT) {
            g.add(c, Atlas.supports.asNode(), iri(law));
        } else if (verdict == Verdict.INCONSISTENT) {
            g.add(c, Atlas.disputes.asNode(), iri(law));
        }
        StringBuilder note = new StringBuilder(fit.points() + " runs"
                + (slice == null ? "" : " (" + sliceText(slice, "en") + ")")
                + ", least squares in log space, RMS (log) "
                + round(fit.rms()) + ", R^2 (log) " + round(fit.rSquared()) + ". ");
        if (!caveat.isEmpty()) {
            note.append(caveat).append(' ');
        }
        for (String symbol : fit.symbols()) {
            LawFit.Estimate e = fit.estimate(symbol);
            Node p = iri(check + "-" + symbol);
            g.add(c, Atlas.fittedParameter.asNode(), p);
            g.add(p, RDF.type.asNode(), Atlas.LawParameter.asNode());
            g.add(p, Atlas.symbol.asNode(), NodeFactory.createLiteralString(symbol));
            g.add(p, Atlas.value.asNode(), dbl(e.value()));
            g.add(p, Atlas.uncertainty.asNode(), dbl((e.upper() - e.lower()) / 2));
            String text = "Fitted " + symbol + " = " + round(e.value()) + ", standard error " + round(e.standardError())
                    + ", 95% interval [" + round(e.lower()) + ", " + round(e.upper()) + "]"
                    + (published.containsKey(symbol) ? "; published " + published.get(symbol) : "; no published value")
                    + ".";
            g.add(p, SKOS.definition.asNode(), NodeFactory.createLiteralLang(text, "en"));
            note.append(text).append(' ');
        }
        note.append("Verdict ")
                .append(verdict.label())
                .append(": ")
                .append(reason)
                .append('.');
        g.add(c, RDFS.comment.asNode(), NodeFactory.createLiteralLang(note.toString(), "en"));
        return g;
    }

    /** The machine-readable conditions of the law's stated regime, ordered by IRI; none when it states none. */
    public List<Condition> regime(String lawIri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?c ?variable ?text ?atLeast ?greaterThan ?atMost ?lessThan ?oneOf WHERE {
                  ?law ?regimeCondition ?c . ?c ?variableProp ?variable .
                  OPTIONAL { ?c ?definition ?text FILTER (LANGMATCHES(LANG(?text), "en")) }
                  OPTIONAL { ?c ?atLeastProp ?atLeast }
                  OPTIONAL { ?c ?greaterThanProp ?greaterThan }
                  OPTIONAL { ?c ?atMostProp ?atMost }
                  OPTIONAL { ?c ?lessThanProp ?lessThan }
                  OPTIONAL { ?c ?oneOfProp ?oneOf }
                } ORDER BY ?c ?oneOf""");
        pss.setIri("law", lawIri);
        pss.setIri("regimeCondition", Atlas.regimeCondition.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("definition", SKOS.definition.getURI());
        pss.setIri("atLeastProp", Atlas.atLeast.getURI());
        pss.setIri("greaterThanProp", Atlas.greaterThan.getURI());
        pss.setIri("atMostProp", Atlas.atMost.getURI());
        pss.setIri("lessThanProp", Atlas.lessThan.getURI());
        pss.setIri("oneOfProp", Atlas.oneOf.getURI());
        Map<String, Condition> found = new LinkedHashMap<>();
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String iri = row.get("c").isURI()
                        ? row.get("c").getURI()
                        : row.get("c").toString();
                found.putIfAbsent(
                        iri,
                        new Condition(
                                iri,
                                row.get("variable").getURI(),
                                row.get("text") == null ? null : row.get("text").getLiteralLexicalForm(),
                                number(row.get("atLeast")),
                                number(row.get("greaterThan")),
                                number(row.get("atMost")),
                                number(row.get("lessThan"))));
                Set<String> values = allowed.computeIfAbsent(iri, k -> new LinkedHashSet<>());
                if (row.get("oneOf") != null && row.get("oneOf").isLiteral()) {
                    values.add(row.get("oneOf").getLiteralLexicalForm());
                }
            });
            return null;
        });
        return found.values().stream()
                .map(c -> new Condition(
                        c.iri(),
                        c.variable(),
                        c.text(),
                        c.atLeast(),
                        c.greaterThan(),
                        c.atMost(),
                        c.lessThan(),
                        List.copyOf(allowed.getOrDefault(c.iri(), Set.of()))))
                .toList();
    }

    /**
     * The runs that lie outside the regime, each with why: a value of a condition's variable outside its
     * bounds, or no value (neither the run's configuration nor its experiment's gives one). A run's own
     * value comes first; a value the experiment holds fixed applies to each run that records none.
     */
    public Map<String, String> outsideRegime(String experimentIri, List<Condition> regime, Collection<String> runs) {
        Map<String, String> outside = new TreeMap<>();
        for (Condition condition : regime) {
            if (condition.categorical()) {
                Map<String, String> categories = categories(experimentIri, condition.variable());
                String fixed = categories.get(experimentIri);
                for (String run : runs) {
                    String v = categories.getOrDefault(run, fixed);
                    String why = v == null
                            ? "records no value of " + localName(condition.variable()) + " (the regime needs "
                                    + condition.bounds() + ")"
                            : condition.holds(v)
                                    ? null
                                    : localName(condition.variable()) + " = " + v + ", the regime needs "
                                            + condition.bounds();
                    if (why != null) {
                        outside.merge(run, why, (a, b) -> a + "; " + b);
                    }
                }
                continue;
            }
            Map<String, Map<String, Double>> values =
                    data(experimentIri, Map.of("c", condition.variable()), List.of("c"));
            Double fixed = experimentValue(experimentIri, condition.variable());
            for (String run : runs) {
                Double v = values.getOrDefault(run, Map.of()).get("c");
                if (v == null) {
                    v = fixed;
                }
                String why = v == null
                        ? "records no value of " + localName(condition.variable()) + " (the regime needs "
                                + condition.bounds() + ")"
                        : condition.holds(v)
                                ? null
                                : localName(condition.variable()) + " = " + plain(v) + ", the regime needs "
                                        + condition.bounds();
                if (why != null) {
                    outside.merge(run, why, (a, b) -> a + "; " + b);
                }
            }
        }
        return outside;
    }

    /**
     * The configuration values of a categorical variable as written: each run's of the experiment that records
     * one, and under the experiment's own IRI the value it holds fixed (when it records exactly one).
     */
    private Map<String, String> categories(String experiment, String variable) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?owner ?v WHERE {
                  { ?owner a ?runClass ; ?partOf ?experiment } UNION { BIND(?experiment AS ?owner) }
                  ?owner ?hasConfig ?c . ?c ?variableProp ?variable ; ?configValue ?v .
                } ORDER BY ?owner ?v""");
        pss.setIri("runClass", Atlas.Run.getURI());
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("experiment", experiment);
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("variable", variable);
        pss.setIri("configValue", Atlas.configValue.getURI());
        Map<String, Set<String>> found = new TreeMap<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                if (row.get("owner").isURI() && row.get("v").isLiteral()) {
                    found.computeIfAbsent(row.get("owner").getURI(), k -> new LinkedHashSet<>())
                            .add(row.get("v").getLiteralLexicalForm());
                }
            });
            return null;
        });
        Map<String, String> values = new TreeMap<>();
        found.forEach((owner, v) -> {
            if (v.size() == 1) {
                values.put(owner, v.iterator().next());
            }
        });
        return values;
    }

    /** The value of a variable the experiment itself records (a setting it holds fixed), or null. */
    private Double experimentValue(String experiment, String variable) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(
                "SELECT ?v WHERE { ?experiment ?hasConfig ?c . ?c ?variableProp ?variable ; ?configValue ?v }");
        pss.setIri("experiment", experiment);
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("variable", variable);
        pss.setIri("configValue", Atlas.configValue.getURI());
        List<Double> found = new ArrayList<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                Double v = number(row.get("v"));
                if (v != null) {
                    found.add(v);
                }
            });
            return null;
        });
        return found.size() == 1 ? found.get(0) : null;
    }

    private static String regimeText(List<Condition> regime) {
        return regime.stream()
                .map(c -> c.text() != null ? c.text() : localName(c.variable()) + " " + c.bounds())
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static String localName(String iri) {
        return iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
    }

    private static Double number(Node n) {
        return n != null && n.isLiteral() && n.getLiteralValue() instanceof Number x ? x.doubleValue() : null;
    }

    /** The law's formula, parsed. */
    public Formula formula(String lawIri) {
        return Formula.parse(formulaOf(lawIri));
    }

    /** The law's published parameter values by symbol (parameters without one are left out). */
    public Map<String, Double> published(String lawIri) {
        Map<String, Double> published = new TreeMap<>();
        parameters(lawIri, published);
        return published;
    }

    /** Per run of the experiment, the value of each bound variable it has: the data a check reads. */
    public Map<String, Map<String, Double>> data(String experimentIri, Map<String, String> bindings) {
        return data(experimentIri, bindings, List.copyOf(new TreeMap<>(bindings).keySet()));
    }

    /** Leaves out of {@code rows} the runs outside the group ({@code slice}; none when null). */
    private void keepGroup(Map<String, Map<String, Double>> rows, String experimentIri, Slice slice) {
        if (slice != null) {
            Map<String, Map<String, Double>> values =
                    data(experimentIri, Map.of(SLICE, slice.variable()), List.of(SLICE));
            rows.keySet()
                    .removeIf(run ->
                            !slice.holds(values.getOrDefault(run, Map.of()).get(SLICE)));
        }
    }

    /** The same for the runs of one group ({@code slice}; every run when null). */
    public Map<String, Map<String, Double>> data(String experimentIri, Map<String, String> bindings, Slice slice) {
        Map<String, Map<String, Double>> rows = data(experimentIri, bindings);
        keepGroup(rows, experimentIri, slice);
        return rows;
    }

    private String formulaOf(String law) {
        ParameterizedSparqlString pss =
                new ParameterizedSparqlString("SELECT ?formula WHERE { ?law a ?lawClass ; ?formulaProp ?formula }");
        pss.setIri("law", law);
        pss.setIri("lawClass", Atlas.Law.getURI());
        pss.setIri("formulaProp", Atlas.formula.getURI());
        List<String> found = new ArrayList<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> found.add(row.get("formula").getLiteralLexicalForm()));
            return null;
        });
        if (found.size() != 1) {
            throw new IllegalArgumentException("Accepted knowledge holds no law with one formula at " + law);
        }
        return found.get(0);
    }

    /** The law's parameter symbols; fills the published values. */
    private Set<String> parameters(String law, Map<String, Double> published) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?symbol ?value WHERE {
                  ?law ?hasParameter ?p . ?p ?symbolProp ?symbol .
                  OPTIONAL { ?p ?valueProp ?value }
                }""");
        pss.setIri("law", law);
        pss.setIri("hasParameter", Atlas.hasParameter.getURI());
        pss.setIri("symbolProp", Atlas.symbol.getURI());
        pss.setIri("valueProp", Atlas.value.getURI());
        Set<String> symbols = new LinkedHashSet<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String s = row.get("symbol").getLiteralLexicalForm();
                symbols.add(s);
                if (row.get("value") != null) {
                    published.put(s, ((Number) row.get("value").getLiteralValue()).doubleValue());
                }
            });
            return null;
        });
        return symbols;
    }

    /** Per run of the experiment, the value of each bound variable it has. */
    private Map<String, Map<String, Double>> data(
            String experiment, Map<String, String> bindings, List<String> variables) {
        Map<String, Map<String, Double>> rows = new TreeMap<>();
        for (String v : variables) {
            ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                    SELECT ?run (SAMPLE(?v) AS ?value) WHERE {
                      ?run a ?runClass ; ?partOf ?experiment .
                      OPTIONAL {
                        { ?o ?runProp ?run ; ?observableProp ?bound ; ?valueProp ?v }
                        UNION
                        { ?run ?hasConfig ?c . ?c ?variableProp ?bound ; ?configValue ?v }
                      }
                    } GROUP BY ?run""");
            pss.setIri("runClass", Atlas.Run.getURI());
            pss.setIri("partOf", Atlas.partOf.getURI());
            pss.setIri("experiment", experiment);
            pss.setIri("runProp", Atlas.run.getURI());
            pss.setIri("observableProp", Atlas.observable.getURI());
            pss.setIri("valueProp", Atlas.value.getURI());
            pss.setIri("hasConfig", Atlas.hasConfig.getURI());
            pss.setIri("variableProp", Atlas.variable.getURI());
            pss.setIri("configValue", Atlas.configValue.getURI());
            pss.setIri("bound", bindings.get(v));
            store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
                exec.select().forEachRemaining(row -> {
                    Map<String, Double> r = rows.computeIfAbsent(row.get("run").getURI(), k -> new LinkedHashMap<>());
                    Node value = row.get("value");
                    if (value != null && value.isLiteral() && value.getLiteralValue() instanceof Number n) {
                        r.put(v, n.doubleValue());
                    }
                });
                return null;
            });
        }
        return rows;
    }

    private List<String> earlier(String check) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?g WHERE {
                  GRAPH ?g { ?check a ?lawCheck }
                  GRAPH ?provenance { ?g ?status ?state }
                  FILTER (?state IN (?accepted, ?pending))
                }""");
        pss.setIri("check", check);
        pss.setIri("lawCheck", Atlas.LawCheck.getURI());
        return CurrentContributions.graphs(store, pss, QUERY_TIMEOUT);
    }

    /**
     * Accepted or pending contributions holding a check that follows the plan: for the same slice and
     * the plan's check over every run when it was not testable, or every one when {@code all}.
     */
    private List<String> earlierOfPlan(String plan, Slice slice, boolean all) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?g ?var ?value ?verdict WHERE {
                  GRAPH ?g {
                    ?check a ?lawCheck ; ?followsPlan ?plan ; ?verdictProp ?verdict .
                    OPTIONAL { ?check ?hasConfig ?s . ?s ?configKey ?slice ; ?variableProp ?var ; ?configValue ?value }
                  }
                  GRAPH ?provenance { ?g ?status ?state }
                  FILTER (?state IN (?accepted, ?pending))
                }""");
        pss.setIri("plan", plan);
        pss.setIri("lawCheck", Atlas.LawCheck.getURI());
        pss.setIri("followsPlan", Atlas.followsPlan.getURI());
        pss.setIri("verdictProp", Atlas.verdict.getURI());
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("configKey", Atlas.configKey.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("configValue", Atlas.configValue.getURI());
        pss.setLiteral("slice", SLICE);
        CurrentContributions.bind(pss);
        Set<String> found = new LinkedHashSet<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                Node var = row.get("var");
                Node value = row.get("value");
                boolean same = slice == null
                        ? var == null
                        : var != null
                                && var.getURI().equals(slice.variable())
                                && value.getLiteralValue() instanceof Number n
                                && slice.holds(n.doubleValue());
                boolean wholeNotTestable =
                        var == null && row.get("verdict").getURI().equals(Atlas.notTestable.getURI());
                if (same || all || wholeNotTestable) {
                    found.add(row.get("g").getURI());
                }
            });
            return null;
        });
        return List.copyOf(found);
    }

    private String sliceText(Slice slice, String language) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(
                "SELECT ?label WHERE { ?v ?prefLabel ?label FILTER (LANGMATCHES(LANG(?label), ?language)"
                        + " || LANGMATCHES(LANG(?label), \"en\")) }"
                        + " ORDER BY DESC(LANGMATCHES(LANG(?label), ?language)) ?label");
        pss.setLiteral("language", language);
        pss.setIri("v", slice.variable());
        pss.setIri("prefLabel", SKOS.prefLabel.getURI());
        List<String> labels = new ArrayList<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> labels.add(row.get("label").getLiteralLexicalForm()));
            return null;
        });
        String name =
                labels.isEmpty() ? slice.variable().substring(slice.variable().lastIndexOf('/') + 1) : labels.get(0);
        return name + " = "
                + new java.math.BigDecimal(slice.value())
                        .round(new java.math.MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    /** A number in at most 4 significant digits without trailing zeros: {@code 1}, {@code 0.0001}. */
    static String plain(double x) {
        return new java.math.BigDecimal(x)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String round(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node dbl(double value) {
        return NodeFactory.createLiteralDT(Double.toString(value), XSDDatatype.XSDdouble);
    }
}
