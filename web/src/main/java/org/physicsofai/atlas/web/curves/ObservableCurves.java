package org.physicsofai.atlas.web.curves;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasProperties;
import org.springframework.stereotype.Service;

/**
 * The series that measured one observable, across runs, with each run's configuration so that a
 * chart can colour them by a configuration key.
 */
@Service
public class ObservableCurves {

    /** The most series one overlay draws. */
    public static final int MAX_SERIES = 100;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String OBSERVABLE = CurveQueries.PREFIXES
            + "SELECT ?obsL ?obsA WHERE { ?obs a atlas:Observable . " + CurveQueries.LABEL.formatted("obs") + " }";
    private static final String SERIES = CurveQueries.PREFIXES
            + "SELECT ?s ?key ?run ?runL ?runA WHERE { ?s a atlas:Series ;"
            + " atlas:observable ?obs ; atlas:run ?run ; atlas:metricKey ?key . " + CurveQueries.LABEL.formatted("run")
            + " } ORDER BY ?run ?key";
    private static final String CONFIG = CurveQueries.PREFIXES + "SELECT ?run ?key ?value WHERE { ?s a atlas:Series ;"
            + " atlas:observable ?obs ; atlas:run ?run . ?run atlas:hasConfig ?c . ?c atlas:configKey ?key ;"
            + " atlas:configValue ?value }";

    private final KnowledgeStore store;
    private final AtlasProperties properties;

    ObservableCurves(KnowledgeStore store, AtlasProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** One series of the overlay, its run, its value of the colour key and its colour. */
    public record Line(
            String iri, String id, String metricKey, String run, String runLabel, String value, String colour) {}

    /** A value of the colour key and its colour, for the legend. */
    public record Swatch(String value, String colour) {}

    /**
     * @param iri the observable
     * @param keys the configuration keys the runs have, for the colour choice
     * @param colourBy the chosen key, or null
     * @param runs every run that measured the observable (IRI to label), for the run choice
     */
    public record Overlay(
            String iri,
            String label,
            List<String> keys,
            String colourBy,
            Map<String, String> runs,
            Set<String> chosen,
            List<Line> lines,
            List<Swatch> legend,
            boolean truncated) {}

    /**
     * @param chosenRuns the runs to draw, or empty for all (up to {@link #MAX_SERIES} series)
     * @param colourBy a configuration key, or null to colour by run
     */
    public Optional<Overlay> overlay(String observable, String language, Set<String> chosenRuns, String colourBy) {
        List<String> label = new ArrayList<>();
        select(OBSERVABLE, observable, language, row -> {
            if (label.isEmpty()) {
                label.add(RunCurves.label(row, "obs", observable));
            }
        });
        if (label.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> runs = new LinkedHashMap<>();
        List<String[]> series = new ArrayList<>();
        select(SERIES, observable, language, row -> {
            String run = row.get("run").getURI();
            runs.putIfAbsent(run, RunCurves.label(row, "run", run));
            series.add(new String[] {row.get("s").getURI(), row.get("key").getLiteralLexicalForm(), run});
        });
        Map<String, Map<String, String>> config = new TreeMap<>();
        Set<String> keys = new TreeSet<>();
        select(CONFIG, observable, language, row -> {
            String key = row.get("key").getLiteralLexicalForm();
            keys.add(key);
            config.computeIfAbsent(row.get("run").getURI(), r -> new TreeMap<>())
                    .putIfAbsent(key, RunCurves.display(row.get("value")));
        });
        String by = colourBy != null && keys.contains(colourBy) ? colourBy : null;
        List<String[]> drawn = series.stream()
                .filter(s -> chosenRuns.isEmpty() || chosenRuns.contains(s[2]))
                .toList();
        boolean truncated = drawn.size() > MAX_SERIES;
        drawn = drawn.subList(0, Math.min(drawn.size(), MAX_SERIES));
        Map<String, String> colours = colours(
                drawn.stream()
                        .map(s -> by == null ? runs.get(s[2]) : value(config, s[2], by))
                        .toList(),
                by != null);
        List<Line> lines = new ArrayList<>();
        for (String[] s : drawn) {
            String value = by == null ? runs.get(s[2]) : value(config, s[2], by);
            lines.add(new Line(s[0], seriesId(s[0]), s[1], s[2], runs.get(s[2]), value, colours.get(value)));
        }
        List<Swatch> legend = new ArrayList<>();
        colours.forEach((v, c) -> legend.add(new Swatch(v, c)));
        Set<String> chosen = chosenRuns.isEmpty() ? runs.keySet() : chosenRuns;
        return Optional.of(new Overlay(
                observable, label.get(0), List.copyOf(keys), by, runs, Set.copyOf(chosen), lines, legend, truncated));
    }

    private static String value(Map<String, Map<String, String>> config, String run, String key) {
        return config.getOrDefault(run, Map.of()).getOrDefault(key, MISSING);
    }

    /**
     * Colours for values: numbers (when {@code ordered}) on a scale from blue (lowest) to red
     * (highest) by rank, anything else from a palette in order of appearance. Ordered by value.
     */
    static Map<String, String> colours(List<String> values, boolean ordered) {
        List<String> distinct =
                values.stream().distinct().filter(v -> !v.equals(MISSING)).toList();
        boolean numeric = ordered && distinct.stream().allMatch(ObservableCurves::isNumber);
        List<String> sorted = new ArrayList<>(distinct);
        if (numeric) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (numeric) {
                double t = sorted.size() == 1 ? 0 : (double) i / (sorted.size() - 1);
                out.put(sorted.get(i), "hsl(" + Math.round(240 * (1 - t)) + ", 70%, 45%)");
            } else {
                out.put(sorted.get(i), PALETTE[i % PALETTE.length]);
            }
        }
        if (values.contains(MISSING)) {
            out.put(MISSING, "#999999");
        }
        return out;
    }

    /** The value shown for a run that lacks the colour key. */
    static final String MISSING = "–";

    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"
    };

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String seriesId(String iri) {
        String prefix = properties.baseIri() + "series/";
        return iri.startsWith(prefix) ? iri.substring(prefix.length()) : null;
    }

    private void select(String query, String observable, String language, Consumer<Binding> each) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("obs", observable);
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            while (rows.hasNext()) {
                each.accept(rows.next());
            }
            return null;
        });
    }
}
