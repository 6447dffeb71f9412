package org.physicsofai.atlas.web.curves;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Service;

/**
 * An experiment's runs as one table: each run's configuration and its metric summaries (the last
 * value of each series, and the values of observations recorded on the run), read with a handful of
 * queries whatever the number of runs.
 */
@Service
public class ExperimentRuns {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String EXPERIMENT = CurveQueries.PREFIXES
            + "SELECT ?expL ?expA WHERE { ?exp a atlas:Experiment . " + CurveQueries.LABEL.formatted("exp") + " }";
    private static final String RUNS = CurveQueries.PREFIXES
            + "SELECT ?run ?runL ?runA ?status WHERE { ?run a atlas:Run ;" + " atlas:partOf ?exp . "
            + CurveQueries.LABEL.formatted("run") + " OPTIONAL { ?run atlas:runStatus ?status } }";
    private static final String CONFIG =
            CurveQueries.PREFIXES + "SELECT ?run ?key ?value ?var WHERE { ?run a atlas:Run ;"
                    + " atlas:partOf ?exp ; atlas:hasConfig ?c . ?c atlas:configKey ?key ; atlas:configValue ?value ."
                    + " OPTIONAL { ?c atlas:variable ?var } }";
    private static final String SERIES =
            CurveQueries.PREFIXES + "SELECT ?run ?key ?last WHERE { ?run a atlas:Run ; atlas:partOf ?exp ."
                    + " ?s a atlas:Series ; atlas:run ?run ; atlas:metricKey ?key . OPTIONAL { ?s atlas:lastValue ?last } }";
    private static final String OBSERVED =
            CurveQueries.PREFIXES + "SELECT ?run ?obs ?obsL ?obsA ?value WHERE { ?run a atlas:Run ;"
                    + " atlas:partOf ?exp . ?o atlas:run ?run ; atlas:observable ?obs ; atlas:value ?value ."
                    + " FILTER NOT EXISTS { ?o atlas:series ?any } " + CurveQueries.LABEL.formatted("obs") + " }";

    /** The grokking delay in steps, a column of its own beside the phase. */
    static final String DELAY = "https://w3id.org/physics-of-ai/id/observable/grokking-delay";

    /** Each run's phase (the phenomenon an observation indicates) and grokking delay, a detector's first. */
    private static final String VERDICTS = CurveQueries.PREFIXES
            + "SELECT ?run ?phen ?phenL ?phenA ?delay ?det WHERE { ?run a atlas:Run ; atlas:partOf ?exp ."
            + " ?o atlas:run ?run . OPTIONAL { ?o atlas:detectedBy ?det }"
            + " { ?o atlas:indicates ?phen . " + CurveQueries.LABEL.formatted("phen") + " }"
            + " UNION { ?o atlas:observable ?delayObservable ; atlas:value ?delay } }";

    private final KnowledgeStore store;
    private final RunCurves curves;

    ExperimentRuns(KnowledgeStore store, RunCurves curves) {
        this.store = store;
        this.curves = curves;
    }

    /** One cell: what to show and what to sort by (a number when the value is one). */
    public record Cell(String text, Double number) {}

    /** One run and its cells by column key. */
    public record Row(String iri, String label, String status, Map<String, Cell> cells) {}

    /** A column: a configuration key, a metric key or an observable. */
    public record Column(String key, String label, String kind, boolean varied) {}

    /** The experiment, what it varies, and its runs as rows over the columns. */
    public record Table(String iri, String label, List<RunCurves.Ref> varies, List<Column> columns, List<Row> rows) {}

    public Optional<Table> table(String experiment, String language) {
        List<String> label = new ArrayList<>();
        select(EXPERIMENT, experiment, language, row -> {
            if (label.isEmpty()) {
                label.add(RunCurves.label(row, "exp", experiment));
            }
        });
        if (label.isEmpty()) {
            return Optional.empty();
        }
        List<RunCurves.Ref> varies = curves.varies(experiment, language);
        Set<String> declared = new LinkedHashSet<>();
        varies.forEach(v -> declared.add(v.iri()));
        Map<String, Row> rows = new LinkedHashMap<>();
        select(RUNS, experiment, language, row -> {
            String run = row.get("run").getURI();
            rows.putIfAbsent(
                    run, new Row(run, RunCurves.label(row, "run", run), lexical(row, "status"), new TreeMap<>()));
        });
        Set<String> configKeys = new TreeSet<>();
        Set<String> varied = new TreeSet<>();
        Map<String, Set<String>> values = new TreeMap<>();
        Map<String, Set<String>> having = new TreeMap<>();
        select(CONFIG, experiment, language, row -> {
            Row r = rows.get(row.get("run").getURI());
            if (r == null) {
                return;
            }
            String key = row.get("key").getLiteralLexicalForm();
            Node value = row.get("value");
            String text = RunCurves.display(value);
            String type = RunCurves.type(value);
            r.cells()
                    .putIfAbsent(
                            "config:" + key,
                            new Cell(text, type.equals("number") || type.equals("integer") ? parse(text) : null));
            configKeys.add(key);
            values.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(text);
            having.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(r.iri());
            if (row.get("var") != null && declared.contains(row.get("var").getURI())) {
                varied.add(key);
            }
        });
        for (String key : configKeys) {
            if (values.get(key).size() > 1 || having.get(key).size() < rows.size()) {
                varied.add(key);
            }
        }
        Set<String> metrics = new TreeSet<>();
        select(SERIES, experiment, language, row -> {
            Row r = rows.get(row.get("run").getURI());
            if (r == null) {
                return;
            }
            String key = row.get("key").getLiteralLexicalForm();
            String last = lexical(row, "last");
            metrics.add(key);
            r.cells()
                    .putIfAbsent("metric:" + key, new Cell(last == null ? "" : NumberFormat.format(last), parse(last)));
        });
        Map<String, String> observables = new TreeMap<>();
        select(OBSERVED, experiment, language, row -> {
            Row r = rows.get(row.get("run").getURI());
            if (r == null) {
                return;
            }
            String obs = row.get("obs").getURI();
            observables.putIfAbsent(obs, RunCurves.label(row, "obs", obs));
            r.cells()
                    .putIfAbsent(
                            "observed:" + obs,
                            new Cell(NumberFormat.format(lexical(row, "value")), parse(lexical(row, "value"))));
        });
        // the verdicts: a detector's phase and delay before those recorded with the run
        Map<String, String[]> verdicts = new LinkedHashMap<>();
        ParameterizedSparqlString verdictQuery = new ParameterizedSparqlString(VERDICTS);
        verdictQuery.setIri("delayObservable", DELAY);
        select(verdictQuery.toString(), experiment, language, row -> {
            if (!rows.containsKey(row.get("run").getURI())) {
                return;
            }
            String[] v = verdicts.computeIfAbsent(row.get("run").getURI(), k -> new String[4]);
            int at = row.get("det") != null ? 0 : 2;
            if (row.get("phen") != null && (v[at] == null)) {
                v[at] = RunCurves.label(row, "phen", row.get("phen").getURI());
            }
            if (row.get("delay") != null && v[at + 1] == null) {
                v[at + 1] = lexical(row, "delay");
            }
        });
        boolean anyPhase = verdicts.values().stream().anyMatch(v -> v[0] != null || v[2] != null);
        boolean anyDelay = verdicts.values().stream().anyMatch(v -> v[1] != null || v[3] != null);
        verdicts.forEach((run, v) -> {
            String phase = v[0] != null ? v[0] : v[2];
            String delay = v[1] != null ? v[1] : v[3];
            if (phase != null) {
                rows.get(run).cells().put("verdict:phase", new Cell(phase, null));
            }
            if (delay != null) {
                rows.get(run).cells().put("verdict:delay", new Cell(NumberFormat.format(delay), parse(delay)));
            }
        });
        List<Column> columns = new ArrayList<>();
        if (anyPhase) {
            columns.add(new Column("verdict:phase", "phase", "verdict", false));
        }
        if (anyDelay) {
            columns.add(new Column("verdict:delay", "delay", "verdict", false));
            observables.remove(DELAY);
        }
        configKeys.stream()
                .filter(varied::contains)
                .forEach(k -> columns.add(new Column("config:" + k, k, "config", true)));
        configKeys.stream()
                .filter(k -> !varied.contains(k))
                .forEach(k -> columns.add(new Column("config:" + k, k, "config", false)));
        metrics.forEach(k -> columns.add(new Column("metric:" + k, k, "metric", false)));
        observables.forEach((iri, l) -> columns.add(new Column("observed:" + iri, l, "observed", false)));
        return Optional.of(new Table(experiment, label.get(0), varies, columns, List.copyOf(rows.values())));
    }

    private void select(String query, String experiment, String language, Consumer<Binding> each) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("exp", experiment);
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                each.accept(rows.next());
            }
            return null;
        });
    }

    private static String lexical(Binding row, String var) {
        Node n = row.get(var);
        return n == null || !n.isLiteral() ? null : n.getLiteralLexicalForm();
    }

    private static Double parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
