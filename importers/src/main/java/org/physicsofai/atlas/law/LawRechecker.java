package org.physicsofai.atlas.law;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeChange;
import org.physicsofai.atlas.store.KnowledgeListener;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Checks laws again when new data arrives in their domain: after a commit that accepts contributions
 * mentioning runs of an experiment (an import, a detector's output), every accepted law check over that
 * experiment is made again with its stored bindings, after a quiet period (changes arriving meanwhile are
 * gathered into one round), on a thread of its own, never the committing one. A check whose data did not
 * change stores nothing; one whose data changed supersedes the previous check for that law, experiment
 * and bindings (see {@link LawChecker}). Law checks themselves do not trigger a round.
 */
public final class LawRechecker implements KnowledgeListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LawRechecker.class.getName());
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(1);

    private final KnowledgeStore store;
    private final LawChecker checker;
    private final AgentRef agent;
    private final Duration quiet;
    private final ScheduledExecutorService executor;
    private final Consumer<Round> done;
    private final Set<String> gathered = new LinkedHashSet<>();
    private java.util.concurrent.ScheduledFuture<?> next;

    /** One round: the experiments touched and the checks made again (with their results). */
    public record Round(Set<String> experiments, List<LawChecker.Result> results, List<String> failures) {}

    /**
     * @param quiet how long to wait after a change before checking, gathering further changes
     * @param done told after each round (for logs and tests)
     */
    public LawRechecker(
            KnowledgeStore store, LawChecker checker, AgentRef agent, Duration quiet, Consumer<Round> done) {
        this.store = Objects.requireNonNull(store, "store");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        this.done = done == null ? r -> {} : done;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "law-rechecker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void knowledgeChanged(KnowledgeChange change) {
        if (change.added().isEmpty()) {
            return;
        }
        synchronized (this) {
            gathered.addAll(change.added());
            // the quiet period starts again with each change; a round already running is not cancelled
            if (next != null) {
                next.cancel(false);
            }
            next = executor.schedule(this::round, quiet.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void round() {
        List<String> contributions;
        synchronized (this) {
            contributions = List.copyOf(gathered);
            gathered.clear();
            next = null;
        }
        if (contributions.isEmpty()) {
            return;
        }
        try {
            done.accept(recheck(contributions));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Re-checking laws failed", e);
        }
    }

    /** Checks again every accepted law check over an experiment with runs mentioned in the contributions. */
    public Round recheck(List<String> contributions) {
        Set<String> experiments = experiments(contributions);
        List<LawChecker.Result> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (experiments.isEmpty()) {
            return new Round(Set.of(), List.of(), List.of());
        }
        for (StoredCheck c : checks(experiments)) {
            try {
                results.add(
                        checker.check(c.law(), c.experiment(), c.bindings(), c.slice()[0], c.plan()[0], agent, true));
            } catch (RuntimeException e) {
                // out of domain now (data removed) or a law that changed its formula: keep the old check
                failures.add(c.check() + ": " + e.getMessage());
            }
        }
        return new Round(Set.copyOf(experiments), List.copyOf(results), List.copyOf(failures));
    }

    /** A stored check with its bindings, and its group of runs and plan (one-element holders, may hold null). */
    private record StoredCheck(
            String check,
            String law,
            String experiment,
            Map<String, String> bindings,
            LawChecker.Slice[] slice,
            String[] plan) {}

    /** The experiments whose runs the contributions mention (not counting law checks' own statements). */
    private Set<String> experiments(List<String> contributions) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT DISTINCT ?exp WHERE {
                  VALUES (?g) { ?graphs }
                  GRAPH ?g { { ?r ?partOf ?any } UNION { ?x ?runProp ?r FILTER NOT EXISTS { ?x a ?lawCheck } } }
                  ?r ?partOf ?exp .
                  ?exp a ?experimentClass .
                }""");
        pss.setValues(
                "graphs",
                contributions.stream()
                        .map(g -> (RDFNode) ResourceFactory.createResource(g))
                        .toList());
        pss.setIri("partOf", Atlas.partOf.getURI());
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("lawCheck", Atlas.LawCheck.getURI());
        pss.setIri("experimentClass", Atlas.Experiment.getURI());
        Set<String> found = new LinkedHashSet<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> found.add(row.get("exp").getURI()));
            return null;
        });
        return found;
    }

    private List<StoredCheck> checks(Set<String> experiments) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                SELECT ?check ?law ?exp ?key ?value ?var ?plan WHERE {
                  VALUES (?exp) { ?experiments }
                  ?check a ?lawCheck ; ?checksLaw ?law ; ?runProp ?exp ; ?hasConfig ?c .
                  ?c ?configKey ?key ; ?configValue ?value .
                  OPTIONAL { ?c ?variableProp ?var }
                  OPTIONAL { ?check ?followsPlan ?plan }
                  FILTER (STRSTARTS(?key, ?prefix) || ?key = ?slice)
                } ORDER BY ?check ?key""");
        pss.setValues(
                "experiments",
                experiments.stream()
                        .map(e -> (RDFNode) ResourceFactory.createResource(e))
                        .toList());
        pss.setIri("lawCheck", Atlas.LawCheck.getURI());
        pss.setIri("checksLaw", Atlas.checksLaw.getURI());
        pss.setIri("runProp", Atlas.run.getURI());
        pss.setIri("hasConfig", Atlas.hasConfig.getURI());
        pss.setIri("configKey", Atlas.configKey.getURI());
        pss.setIri("configValue", Atlas.configValue.getURI());
        pss.setIri("variableProp", Atlas.variable.getURI());
        pss.setIri("followsPlan", Atlas.followsPlan.getURI());
        pss.setLiteral("prefix", LawChecker.BINDING);
        pss.setLiteral("slice", LawChecker.SLICE);
        Map<String, StoredCheck> found = new LinkedHashMap<>();
        store.query(pss.asQuery(), QUERY_TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String check = row.get("check").getURI();
                StoredCheck c = found.computeIfAbsent(
                        check,
                        k -> new StoredCheck(
                                check,
                                row.get("law").getURI(),
                                row.get("exp").getURI(),
                                new TreeMap<>(),
                                new LawChecker.Slice[1],
                                new String[1]));
                if (row.get("plan") != null) {
                    c.plan()[0] = row.get("plan").getURI();
                }
                String key = row.get("key").getLiteralLexicalForm();
                if (key.equals(LawChecker.SLICE)) {
                    if (row.get("var") != null && row.get("value").getLiteralValue() instanceof Number n) {
                        c.slice()[0] = new LawChecker.Slice(row.get("var").getURI(), n.doubleValue());
                    }
                } else {
                    c.bindings()
                            .put(
                                    key.substring(LawChecker.BINDING.length()),
                                    row.get("value").getLiteralLexicalForm());
                }
            });
            return null;
        });
        return List.copyOf(found.values());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
