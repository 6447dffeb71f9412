package org.physicsofai.atlas.law;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.query.ParameterizedSparqlString;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Makes the law checks that accepted {@code atlas:LawCheckPlan}s ask for: each plan names a law, an
 * experiment and one binding per symbol of the law's formula ({@code atlas:hasConfig} settings with key
 * {@code binding:SYMBOL} and {@code atlas:boundTo} an observable or variable), and optionally a variable
 * ({@code atlas:checkedPerValueOf}) whose values split the runs into groups checked separately. Every
 * check is stored by the {@link LawChecker} (an identical one stores nothing); a group with too little
 * data and a plan that cannot be checked (a symbol bound to nothing the experiment's runs have, a symbol
 * without a binding) are reported, storing nothing.
 */
public final class LawCheckPlans {

    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final LawChecker checker;

    public LawCheckPlans(KnowledgeStore store, LawChecker checker) {
        this.store = Objects.requireNonNull(store, "store");
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    /** A plan as stated in accepted knowledge. */
    public record Plan(String iri, String law, String experiment, String perValueOf, Map<String, String> bindings) {}

    /** What became of one check a plan asks for. */
    public enum Kind {
        /** checked; the result says whether anything new was stored */
        CHECKED,
        /** too few runs in the group have positive values of every variable */
        OUT_OF_DOMAIN,
        /** the plan cannot be checked as stated (a binding is missing or bound to nothing) */
        REFUSED
    }

    /**
     * @param slice the group of runs, or {@code null} for every run of the experiment
     * @param result the check, when one was made
     * @param problem why no check was made, when none was
     */
    public record Outcome(Plan plan, LawChecker.Slice slice, Kind kind, LawChecker.Result result, String problem) {

        /** One line for logs and the command line. */
        public String line() {
            String group = slice == null
                    ? ""
                    : " [" + slice.variable().substring(slice.variable().lastIndexOf('/') + 1) + " = "
                            + new java.math.BigDecimal(slice.value())
                                    .round(new java.math.MathContext(4))
                                    .stripTrailingZeros()
                                    .toPlainString()
                            + "]";
            return switch (kind) {
                case CHECKED ->
                    plan.iri() + group + ": " + result.verdict().label() + " over "
                            + result.runs().size() + " run(s)"
                            + (result.outside().isEmpty()
                                    ? ""
                                    : " (" + result.outside().size() + " outside the regime)")
                            + ", "
                            + (result.created() ? "new " + result.contribution() : "unchanged");
                case OUT_OF_DOMAIN -> plan.iri() + group + ": out of domain: " + problem;
                case REFUSED -> plan.iri() + group + ": cannot be checked: " + problem;
            };
        }
    }

    /** Every outcome of one round. */
    public record Report(List<Outcome> outcomes) {

        public long created() {
            return outcomes.stream()
                    .filter(o -> o.kind() == Kind.CHECKED && o.result().created())
                    .count();
        }

        public List<Outcome> of(Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).toList();
        }

        /** One summary line. */
        public String summary() {
            Map<String, Integer> verdicts = new TreeMap<>();
            of(Kind.CHECKED).forEach(o -> verdicts.merge(o.result().verdict().label(), 1, Integer::sum));
            return "law-check plans: " + of(Kind.CHECKED).size() + " check(s) " + verdicts + ", " + created()
                    + " new, " + of(Kind.OUT_OF_DOMAIN).size() + " group(s) out of domain, "
                    + of(Kind.REFUSED).size() + " refused";
        }
    }

    /** The accepted plans, ordered by IRI. */
    public List<Plan> plans() {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?plan ?law ?exp ?per ?key ?bound WHERE {
                  ?plan a ?planClass ; ?plansCheckOf ?law ; ?checkedAgainst ?exp .
                  OPTIONAL { ?plan ?perValueOf ?per }
                  OPTIONAL {
                    ?plan ?hasConfig ?c . ?c ?configKey ?key ; ?boundTo ?bound .
                    FILTER (STRSTARTS(?key, ?prefix))
                  }
                } ORDER BY ?plan ?key""");
        pss.setIri("planClass", Atlas.LawCheckPlan.getURI());
        pss.setIri("plansCheckOf", Atlas.plansCheckOf.getURI());
        pss.setIri("checkedAgainst", Atlas.checkedAgainst.getURI());
        pss.setIri("perValueOf", Atlas.checkedPerValueOf.getURI());
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("configKey", Atlas.configKey.getURI());
        pss.setIri("boundTo", Atlas.boundTo.getURI());
        pss.setLiteral("prefix", LawChecker.BINDING);
        Map<String, Plan> found = new LinkedHashMap<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String iri = row.get("plan").getURI();
                Plan plan = found.computeIfAbsent(
                        iri,
                        k -> new Plan(
                                iri,
                                row.get("law").getURI(),
                                row.get("exp").getURI(),
                                row.get("per") == null ? null : row.get("per").getURI(),
                                new TreeMap<>()));
                if (row.get("key") != null) {
                    plan.bindings()
                            .put(
                                    row.get("key").getLiteralLexicalForm().substring(LawChecker.BINDING.length()),
                                    row.get("bound").getURI());
                }
            });
            return null;
        });
        return List.copyOf(found.values());
    }

    /** Makes every check of every accepted plan. */
    public Report checkAll(AgentRef agent) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Plan plan : plans()) {
            outcomes.addAll(check(plan, agent));
        }
        return new Report(List.copyOf(outcomes));
    }

    /** Makes the checks of one plan: one per value of its grouping variable, or one over every run. */
    public List<Outcome> check(Plan plan, AgentRef agent) {
        // a symbol bound to something no run of the experiment has: the plan is wrong, not the data short
        Map<String, Map<String, Double>> data = checker.data(plan.experiment(), plan.bindings());
        List<String> unbound = plan.bindings().keySet().stream()
                .filter(symbol -> data.values().stream().noneMatch(r -> r.containsKey(symbol)))
                .toList();
        if (!unbound.isEmpty()) {
            return List.of(new Outcome(
                    plan,
                    null,
                    Kind.REFUSED,
                    null,
                    unbound.stream()
                                    .map(symbol -> "the symbol " + symbol + " is bound to "
                                            + plan.bindings().get(symbol) + ", which no run of "
                                            + plan.experiment() + " has a value of")
                                    .collect(java.util.stream.Collectors.joining("; "))
                            + " (no observation of it with a value, no configuration value for it; " + data.size()
                            + " run(s) looked at)"));
        }
        List<LawChecker.Slice> slices = new ArrayList<>();
        // no run inside the law's regime: one check over every run says so, instead of one per group
        List<LawChecker.Condition> regime = checker.regime(plan.law());
        boolean noneInside = !regime.isEmpty()
                && checker.outsideRegime(plan.experiment(), regime, data.keySet())
                                .size()
                        == data.size();
        if (plan.perValueOf() == null || noneInside) {
            slices.add(null);
        } else {
            for (double value : values(plan.experiment(), plan.perValueOf())) {
                slices.add(new LawChecker.Slice(plan.perValueOf(), value));
            }
            if (slices.isEmpty()) {
                return List.of(new Outcome(
                        plan,
                        null,
                        Kind.REFUSED,
                        null,
                        "no run of " + plan.experiment() + " has a numeric value of " + plan.perValueOf()
                                + ", by which the plan groups its runs"));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (LawChecker.Slice slice : slices) {
            try {
                LawChecker.Result result =
                        checker.check(plan.law(), plan.experiment(), plan.bindings(), slice, plan.iri(), agent, true);
                outcomes.add(new Outcome(plan, slice, Kind.CHECKED, result, null));
            } catch (LawChecker.OutOfDomainException e) {
                outcomes.add(new Outcome(plan, slice, Kind.OUT_OF_DOMAIN, null, e.getMessage()));
            } catch (LawChecker.UnboundSymbolException e) {
                // the symbol has values in the experiment, but none in this group
                List<String> empty = plan.bindings().keySet().stream()
                        .filter(symbol -> checker.data(plan.experiment(), plan.bindings(), slice).values().stream()
                                .noneMatch(r -> r.containsKey(symbol)))
                        .toList();
                outcomes.add(new Outcome(
                        plan,
                        slice,
                        Kind.OUT_OF_DOMAIN,
                        null,
                        "no run of this group has a value of " + empty + "; checking needs at least "
                                + "(parameters + 2) runs with positive values"));
            } catch (IllegalArgumentException e) {
                // a symbol without a binding, a law without one formula: no group can be checked
                outcomes.add(new Outcome(plan, slice, Kind.REFUSED, null, e.getMessage()));
                break;
            }
        }
        return List.copyOf(outcomes);
    }

    /** The distinct numeric configuration values of the variable among the experiment's runs, ascending. */
    private List<Double> values(String experiment, String variable) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?value WHERE {
                  ?run a ?runClass ; ?partOf ?experiment ; ?hasConfig ?c .
                  ?c ?variableProp ?variable ; ?configValue ?value .
                }""");
        pss.setIri("runClass", Atlas.Run.getURI());
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("experiment", experiment);
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("variable", variable);
        pss.setIri("configValue", Atlas.configValue.getURI());
        TreeSet<Double> values = new TreeSet<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                if (row.get("value").isLiteral() && row.get("value").getLiteralValue() instanceof Number n) {
                    values.add(n.doubleValue());
                }
            });
            return null;
        });
        return List.copyOf(values);
    }
}
