package org.physicsofai.atlas.web.curves;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Service;

/**
 * Reads what the run, compare and experiment pages show from accepted knowledge: a run's
 * experiment, configuration and series with their summaries and events. Every query is
 * parameterized; nothing the user sends is concatenated into SPARQL.
 */
@Service
public class RunCurves {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String RUN = CurveQueries.PREFIXES
            + "SELECT ?runL ?runA ?exp ?expL ?expA ?status WHERE { ?run a atlas:Run . "
            + CurveQueries.LABEL.formatted("run") + " OPTIONAL { ?run atlas:partOf ?exp . ?exp a atlas:Experiment . "
            + CurveQueries.LABEL.formatted("exp") + " } OPTIONAL { ?run atlas:runStatus ?status } }";
    private static final String CONFIG =
            CurveQueries.PREFIXES + "SELECT ?key ?value ?var ?varL ?varA WHERE { ?run atlas:hasConfig ?c ."
                    + " ?c atlas:configKey ?key . OPTIONAL { ?c atlas:configValue ?value }"
                    + " OPTIONAL { ?c atlas:variable ?var . " + CurveQueries.LABEL.formatted("var")
                    + " } } ORDER BY ?key";
    private static final String VARIES = CurveQueries.PREFIXES
            + "SELECT ?var ?varL ?varA WHERE { ?exp atlas:varies ?var . " + CurveQueries.LABEL.formatted("var") + " }";
    private static final String SERIES = CurveQueries.PREFIXES
            + "SELECT ?s ?key ?obs ?obsL ?obsA ?count ?first ?last ?low ?high ?lastValue WHERE {"
            + " ?s a atlas:Series ; atlas:run ?run ; atlas:metricKey ?key ."
            + " OPTIONAL { ?s atlas:observable ?obs . " + CurveQueries.LABEL.formatted("obs") + " }"
            + " OPTIONAL { ?s atlas:pointCount ?count } OPTIONAL { ?s atlas:firstStep ?first }"
            + " OPTIONAL { ?s atlas:lastStep ?last } OPTIONAL { ?s atlas:lowestValue ?low }"
            + " OPTIONAL { ?s atlas:highestValue ?high } OPTIONAL { ?s atlas:lastValue ?lastValue } } ORDER BY ?key";
    private static final String EVENTS = CurveQueries.PREFIXES
            + "SELECT ?s ?o ?step ?oL ?oA ?event ?obsL ?obsA WHERE { ?s atlas:run ?run ."
            + " ?o atlas:series ?s ; atlas:step ?step . OPTIONAL { ?o atlas:event ?event }"
            + " OPTIONAL { ?o atlas:observable ?obs . " + CurveQueries.LABEL.formatted("obs") + " } "
            + CurveQueries.LABEL.formatted("o") + " } ORDER BY ?step";
    private static final String OBSERVATIONS = CurveQueries.PREFIXES
            + "SELECT ?o ?oL ?oA ?obs ?obsL ?obsA ?value ?step ?event WHERE { ?o atlas:run ?run ."
            + " FILTER NOT EXISTS { ?o atlas:series ?any } OPTIONAL { ?o atlas:value ?value }"
            + " OPTIONAL { ?o atlas:step ?step } OPTIONAL { ?o atlas:event ?event }"
            + " OPTIONAL { ?o atlas:observable ?obs . " + CurveQueries.LABEL.formatted("obs") + " } "
            + CurveQueries.LABEL.formatted("o") + " } ORDER BY ?step ?o";
    private static final String EXPERIMENT_CONFIG = CurveQueries.PREFIXES
            + "SELECT ?run ?key ?value ?var WHERE { ?run a atlas:Run ; atlas:partOf ?exp ; atlas:hasConfig ?c ."
            + " ?c atlas:configKey ?key ; atlas:configValue ?value . OPTIONAL { ?c atlas:variable ?var } }"
            + " ORDER BY ?run ?key";
    private static final String RUNS_OF =
            CurveQueries.PREFIXES + "SELECT ?run WHERE { ?run a atlas:Run ; atlas:partOf ?exp } ORDER BY ?run";

    private final KnowledgeStore store;
    private final AtlasProperties properties;

    RunCurves(KnowledgeStore store, AtlasProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** A run with its experiment, configuration and series, or empty if no accepted run has this IRI. */
    public Optional<RunView> run(String iri, String language) {
        List<RunView> found = new ArrayList<>();
        select(RUN, Map.of("run", iri), language, row -> {
            if (found.isEmpty()) {
                found.add(new RunView(
                        iri,
                        label(row, "run", iri),
                        row.get("exp") == null
                                ? null
                                : new Ref(
                                        row.get("exp").getURI(),
                                        label(row, "exp", row.get("exp").getURI())),
                        lexical(row, "status"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
            }
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RunView head = found.get(0);
        List<Ref> varies =
                head.experiment() == null ? List.of() : varies(head.experiment().iri(), language);
        Set<String> variedKeys = head.experiment() == null
                ? Set.of()
                : variedKeys(head.experiment().iri(), language, varies);
        return Optional.of(new RunView(
                head.iri(),
                head.label(),
                head.experiment(),
                head.status(),
                varies,
                config(iri, language, variedKeys),
                series(iri, language),
                observations(iri, language)));
    }

    /** The variables an experiment declares that it varies. */
    List<Ref> varies(String experiment, String language) {
        Map<String, Ref> out = new LinkedHashMap<>();
        select(VARIES, Map.of("exp", experiment), language, row -> {
            String var = row.get("var").getURI();
            out.putIfAbsent(var, new Ref(var, label(row, "var", var)));
        });
        return List.copyOf(out.values());
    }

    /** The IRIs of the accepted runs of an experiment. */
    public List<String> runsOf(String experiment) {
        List<String> runs = new ArrayList<>();
        select(
                RUNS_OF,
                Map.of("exp", experiment),
                "en",
                row -> runs.add(row.get("run").getURI()));
        return runs;
    }

    /**
     * The configuration keys an experiment varies: those whose settings name a variable the
     * experiment declares it varies, and those whose values differ between its runs.
     */
    Set<String> variedKeys(String experiment, String language, List<Ref> varies) {
        Set<String> declared = new LinkedHashSet<>();
        varies.forEach(v -> declared.add(v.iri()));
        int runs = runsOf(experiment).size();
        // One query for the settings of all the experiment's runs; a run's first value of a key counts.
        Map<String, Map<String, String>> byRun = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        select(EXPERIMENT_CONFIG, Map.of("exp", experiment), language, row -> {
            String key = row.get("key").getLiteralLexicalForm();
            byRun.computeIfAbsent(row.get("run").getURI(), r -> new LinkedHashMap<>())
                    .putIfAbsent(key, display(row.get("value")));
            if (row.get("var") != null && declared.contains(row.get("var").getURI())) {
                keys.add(key);
            }
        });
        Map<String, Set<String>> values = new TreeMap<>();
        Map<String, Integer> having = new TreeMap<>();
        byRun.values()
                .forEach(config -> config.forEach((key, value) -> {
                    values.computeIfAbsent(key, x -> new LinkedHashSet<>()).add(value);
                    having.merge(key, 1, Integer::sum);
                }));
        values.forEach((k, vs) -> {
            if (vs.size() > 1 || having.get(k) < runs) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** A run's configuration in key order, each value with its datatype and group. */
    public List<ConfigEntry> config(String run, String language, Set<String> variedKeys) {
        Map<String, ConfigEntry> out = new LinkedHashMap<>();
        select(CONFIG, Map.of("run", run), language, row -> {
            String key = row.get("key").getLiteralLexicalForm();
            Node value = row.get("value");
            Ref variable = row.get("var") == null
                    ? null
                    : new Ref(
                            row.get("var").getURI(),
                            label(row, "var", row.get("var").getURI()));
            // A setting the training code recorded without a value (None) is listed as not set.
            out.putIfAbsent(
                    key,
                    value == null
                            ? new ConfigEntry(group(key), key, "", "unset", variable, variedKeys.contains(key))
                            : new ConfigEntry(
                                    group(key), key, display(value), type(value), variable, variedKeys.contains(key)));
        });
        return List.copyOf(out.values());
    }

    /** A run's series with their summaries and the events observations record on them. */
    public List<SeriesView> series(String run, String language) {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        select(EVENTS, Map.of("run", run), language, row -> {
            String o = row.get("o").getURI();
            if (!seen.add(row.get("s").getURI() + " " + o)) {
                return;
            }
            events.computeIfAbsent(row.get("s").getURI(), x -> new ArrayList<>())
                    .add(new Event(
                            Long.parseLong(row.get("step").getLiteralLexicalForm()), observationName(row, o), o));
        });
        Map<String, SeriesView> out = new LinkedHashMap<>();
        select(SERIES, Map.of("run", run), language, row -> {
            String s = row.get("s").getURI();
            String key = row.get("key").getLiteralLexicalForm();
            Ref observable = row.get("obs") == null
                    ? null
                    : new Ref(
                            row.get("obs").getURI(),
                            label(row, "obs", row.get("obs").getURI()));
            out.putIfAbsent(
                    s,
                    new SeriesView(
                            s,
                            seriesId(s),
                            key,
                            Families.family(key),
                            Families.split(key),
                            observable,
                            number(row, "count"),
                            number(row, "first"),
                            number(row, "last"),
                            NumberFormat.format(number(row, "low")),
                            NumberFormat.format(number(row, "high")),
                            NumberFormat.format(number(row, "lastValue")),
                            events.getOrDefault(s, List.of())));
        });
        return List.copyOf(out.values());
    }

    /** What observations record about the run itself (not read from one of its series). */
    public List<Observed> observations(String run, String language) {
        Map<String, Observed> out = new LinkedHashMap<>();
        select(OBSERVATIONS, Map.of("run", run), language, row -> {
            String o = row.get("o").getURI();
            Ref observable = row.get("obs") == null
                    ? null
                    : new Ref(
                            row.get("obs").getURI(),
                            label(row, "obs", row.get("obs").getURI()));
            String step = lexical(row, "step");
            Long at = null;
            try {
                at = step == null ? null : Long.parseLong(step);
            } catch (NumberFormatException e) {
                // A malformed step is shown without a marker.
            }
            out.putIfAbsent(
                    o,
                    new Observed(
                            o,
                            observationName(row, o),
                            observable,
                            NumberFormat.format(lexical(row, "value")),
                            at,
                            lexical(row, "event")));
        });
        return List.copyOf(out.values());
    }

    /** The id under {@code /api/series/}, or null for a series another deployment serves. */
    private String seriesId(String iri) {
        String prefix = properties.baseIri() + "series/";
        return iri.startsWith(prefix) ? iri.substring(prefix.length()) : null;
    }

    private void select(String query, Map<String, String> iris, String language, Consumer<Binding> each) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        iris.forEach(pss::setIri);
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                each.accept(rows.next());
            }
            return null;
        });
    }

    /**
     * An observation's name: its label, else the event it records ("test accuracy reached 0.9"), else its
     * observable's name; never its minted IRI when one of these exists.
     */
    static String observationName(Binding row, String iri) {
        if (row.get("oL") != null || row.get("oA") != null) {
            return label(row, "o", iri);
        }
        String event = lexical(row, "event");
        if (event != null) {
            return event;
        }
        return row.get("obsL") != null || row.get("obsA") != null ? label(row, "obs", iri) : label(row, "o", iri);
    }

    static String label(Binding row, String var, String iri) {
        Node l = row.get(var + "L");
        if (l == null) {
            l = row.get(var + "A");
        }
        if (l != null && l.isLiteral()) {
            return l.getLiteralLexicalForm();
        }
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return iri.substring(cut + 1);
    }

    private static String lexical(Binding row, String var) {
        Node n = row.get(var);
        return n == null || !n.isLiteral() ? null : n.getLiteralLexicalForm();
    }

    private static String number(Binding row, String var) {
        return lexical(row, var);
    }

    /** A value as people write it: numbers without exponent noise ({@code 1.0E-4} is 0.0001). */
    static String display(Node value) {
        if (!value.isLiteral()) {
            return value.toString();
        }
        String lexical = value.getLiteralLexicalForm();
        if (type(value).equals("number")) {
            try {
                double d = Double.parseDouble(lexical);
                double a = Math.abs(d);
                if (Double.isFinite(d) && (a == 0 || (a >= 1e-6 && a < 1e9))) {
                    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
                }
                return Double.toString(d);
            } catch (NumberFormatException e) {
                return lexical;
            }
        }
        return lexical;
    }

    /** integer, number, boolean or text, from the literal's datatype. */
    static String type(Node value) {
        if (!value.isLiteral()) {
            return "iri";
        }
        String dt = value.getLiteralDatatypeURI();
        if (dt == null) {
            return "text";
        }
        String local = dt.substring(dt.lastIndexOf('#') + 1).toLowerCase(Locale.ROOT);
        return switch (local) {
            case "integer", "int", "long", "short", "byte", "nonnegativeinteger", "positiveinteger" -> "integer";
            case "double", "float", "decimal" -> "number";
            case "boolean" -> "boolean";
            default -> "text";
        };
    }

    /** The group of a configuration key: what comes before its first dot or slash, else "general". */
    static String group(String key) {
        int cut = -1;
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) == '.' || key.charAt(i) == '/') {
                cut = i;
                break;
            }
        }
        return cut > 0 ? key.substring(0, cut) : "general";
    }

    /** An IRI and its label. */
    public record Ref(String iri, String label) {}

    /** An observation recorded at a step of a series. */
    public record Event(long step, String label, String iri) {}

    /** One configuration setting. {@code varied}: the experiment varies this key. */
    public record ConfigEntry(String group, String key, String value, String type, Ref variable, boolean varied) {}

    /** One series and its summary (lexical forms, null when unknown). */
    public record SeriesView(
            String iri,
            String id,
            String metricKey,
            String family,
            String split,
            Ref observable,
            String pointCount,
            String firstStep,
            String lastStep,
            String lowest,
            String highest,
            String last,
            List<Event> events) {

        /** The steps of the events, comma-separated, for the chart's markers. */
        public String eventSteps() {
            return String.join(
                    ",", events.stream().map(e -> Long.toString(e.step())).toList());
        }
    }

    /** An observation about a run: its observable, value, step and event, each possibly absent. */
    public record Observed(String iri, String label, Ref observable, String value, Long step, String event) {}

    /** A run and what its page shows. */
    public record RunView(
            String iri,
            String label,
            Ref experiment,
            String status,
            List<Ref> varies,
            List<ConfigEntry> config,
            List<SeriesView> series,
            List<Observed> observations) {

        /** The steps of the observations about the run, comma-separated, for markers on every chart. */
        public String observationSteps() {
            return String.join(
                    ",",
                    observations.stream()
                            .filter(o -> o.step() != null)
                            .map(o -> Long.toString(o.step()))
                            .toList());
        }

        /** The configuration by group, groups in key order. */
        public Map<String, List<ConfigEntry>> configGroups() {
            Map<String, List<ConfigEntry>> out = new TreeMap<>();
            config.forEach(
                    e -> out.computeIfAbsent(e.group(), g -> new ArrayList<>()).add(e));
            return out;
        }

        /** The series by observable family, families in order of first appearance. */
        public Map<String, List<SeriesView>> families() {
            Map<String, List<SeriesView>> out = new LinkedHashMap<>();
            series.forEach(
                    s -> out.computeIfAbsent(s.family(), f -> new ArrayList<>()).add(s));
            return out;
        }
    }
}
