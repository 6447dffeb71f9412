package org.physicsofai.atlas.web.entity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.physicsofai.atlas.entity.LabelRule;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.entity.PhenomenonSections.Citation;
import org.physicsofai.atlas.web.entity.PhenomenonSections.Named;
import org.physicsofai.atlas.web.law.TexFormula;
import org.physicsofai.atlas.web.system.PlainNumbers;
import org.springframework.stereotype.Component;

/**
 * What the page of a claim, a law, a source or a run shows above its raw statements: a claim's statement
 * (read as negated when it is), certainty, regime, what it is about and who states it; a law's formula,
 * its parameters beside every other published version of the same formula, and its checks; a source's
 * citation and what it states; the verdicts of the detectors and of the authors on a run.
 */
@Component
public class EntitySections {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            """;
    private static final String CLAIM = PREFIXES + """
            SELECT ?p ?o WHERE {
              VALUES ?p { atlas:statement atlas:negated atlas:certainty atlas:regime atlas:about atlas:source
                          atlas:formula skos:prefLabel }
              ?x ?p ?o .
            }""";
    /** Other laws of the same formula about a common subject, or linked to this one: its other versions. */
    private static final String VERSIONS = PREFIXES + """
            SELECT DISTINCT ?v WHERE {
              ?x atlas:formula ?f .
              ?v a atlas:Law ; atlas:formula ?g .
              FILTER (?v != ?x && REPLACE(STR(?f), "\\\\s", "") = REPLACE(STR(?g), "\\\\s", ""))
              { ?x atlas:about ?s . ?v atlas:about ?s }
              UNION { ?x ?link ?v } UNION { ?v ?link ?x }
            }""";

    private static final String PARAMETERS = PREFIXES + """
            SELECT ?law ?symbol ?value ?unc ?def WHERE {
              VALUES (?law) { ?laws }
              ?law atlas:hasParameter ?par . ?par atlas:symbol ?symbol .
              OPTIONAL { ?par atlas:value ?value }
              OPTIONAL { ?par atlas:uncertainty ?unc }
              OPTIONAL { ?par skos:definition ?def FILTER (langMatches(lang(?def), ?lang)) }
            }""";
    private static final String LAW_SOURCES = PREFIXES + """
            SELECT ?law ?s WHERE { VALUES (?law) { ?laws } ?law atlas:source ?s FILTER (isIRI(?s)) } ORDER BY ?s""";
    private static final String CHECKS = PREFIXES + """
            SELECT ?check ?verdict ?exp (COUNT(DISTINCT ?used) AS ?n) (COUNT(DISTINCT ?out) AS ?o) WHERE {
              ?check a atlas:LawCheck ; atlas:checksLaw ?x ; atlas:verdict ?verdict .
              OPTIONAL { ?check atlas:run ?exp }
              OPTIONAL { ?check atlas:usesData ?used }
              OPTIONAL { ?check atlas:outsideRegime ?out }
            } GROUP BY ?check ?verdict ?exp ORDER BY ?check""";
    private static final String STATED = PREFIXES + """
            SELECT DISTINCT ?c ?law WHERE {
              ?c atlas:source ?x .
              { ?c a atlas:Claim } UNION { ?c a atlas:Law }
              BIND (EXISTS { ?c a atlas:Law } AS ?law)
            }""";
    private static final String STATEMENTS = PREFIXES + """
            SELECT ?c ?p ?o WHERE {
              VALUES (?c) { ?claims }
              VALUES ?p { atlas:statement atlas:negated }
              ?c ?p ?o .
            }""";
    private static final String VERDICTS = PREFIXES + """
            SELECT ?obs ?by ?observable ?value ?step ?event ?indicates ?version WHERE {
              ?obs atlas:run ?x ; a atlas:Observation .
              OPTIONAL { ?obs atlas:detectedBy ?d . OPTIONAL { ?d atlas:version ?version } }
              OPTIONAL { ?obs atlas:source ?s }
              BIND (COALESCE(?d, ?s) AS ?by)
              OPTIONAL { ?obs atlas:observable ?observable }
              OPTIONAL { ?obs atlas:value ?value }
              OPTIONAL { ?obs atlas:step ?step }
              OPTIONAL { ?obs atlas:event ?event }
              OPTIONAL { ?obs atlas:indicates ?indicates }
            } ORDER BY ?by ?observable ?obs""";

    private final KnowledgeStore store;
    private final NodeLabels labels;
    private final EntityLinks links;
    private final PhenomenonSections phenomena;

    EntitySections(KnowledgeStore store, NodeLabels labels, EntityLinks links, PhenomenonSections phenomena) {
        this.store = store;
        this.labels = labels;
        this.links = links;
        this.phenomena = phenomena;
    }

    /**
     * A claim or law.
     *
     * @param statement the statement in the reader's language (else English), read as negated when it is
     * @param name the claim's label when it differs from the statement
     */
    public record ClaimView(
            String statement,
            String statementLanguage,
            boolean negated,
            String name,
            String certainty,
            String certaintyLabel,
            String regime,
            List<Named> about,
            List<Citation> statedBy,
            LawView law) {}

    /**
     * A law's formula and parameters: one column per published version (this law first), one row per
     * parameter symbol.
     */
    public record LawView(
            String formula,
            String tex,
            List<Version> versions,
            List<ParameterRow> parameters,
            List<CheckLine> checks) {}

    public record Version(Named law, List<Citation> sources, boolean self) {}

    /** A parameter's values, one per version ({@code null} where a version records none), as written. */
    public record ParameterRow(String symbol, String tex, String definition, List<String> values) {}

    public record CheckLine(String iri, String verdict, int runs, int outside, Named experiment) {}

    /** A claim or law a source states, by its statement. */
    public record Stated(Named claim, boolean law) {}

    public record SourceView(Citation citation, List<Stated> states) {}

    /** One observation of a run, in words. */
    public record Finding(Named observable, String value, String step, String event, Named indicates) {}

    /** What one detector (or the source's authors) found on a run. */
    public record Verdict(Named by, String version, boolean detector, List<Named> phases, List<Finding> findings) {}

    // ---------------------------------------------------------------- claims and laws

    public ClaimView claim(String iri, String language, boolean law) {
        Map<String, List<Node>> values = new LinkedHashMap<>();
        select(
                CLAIM,
                iri,
                language,
                row -> values.computeIfAbsent(row.get("p").getURI(), p -> new ArrayList<>())
                        .add(row.get("o")));
        LabelRule statementRule = new LabelRule();
        values.getOrDefault(Atlas.statement.getURI(), List.of())
                .forEach(n -> statementRule.offer(Atlas.statement.getURI(), n));
        values.getOrDefault(Atlas.negated.getURI(), List.of())
                .forEach(n -> statementRule.offer(Atlas.negated.getURI(), n));
        boolean negated = values.getOrDefault(Atlas.negated.getURI(), List.of()).stream()
                .anyMatch(n -> n.isLiteral()
                        && "true".equalsIgnoreCase(n.getLiteralLexicalForm().strip()));
        String statement =
                statementRule.label(language).map(LabelRule.Label::full).orElse(null);
        String statementLanguage = best(values.get(Atlas.statement.getURI()), language);
        LabelRule nameRule = new LabelRule();
        values.getOrDefault("http://www.w3.org/2004/02/skos/core#prefLabel", List.of())
                .forEach(n -> nameRule.offer("http://www.w3.org/2004/02/skos/core#prefLabel", n));
        String name = nameRule.label(language).map(LabelRule.Label::text).orElse(null);
        List<String> about = values.getOrDefault(Atlas.about.getURI(), List.of()).stream()
                .filter(Node::isURI)
                .map(Node::getURI)
                .toList();
        String certainty = values.getOrDefault(Atlas.certainty.getURI(), List.of()).stream()
                .filter(Node::isURI)
                .map(Node::getURI)
                .findFirst()
                .orElse(null);
        Set<String> named = new LinkedHashSet<>(about);
        if (certainty != null) {
            named.add(certainty);
        }
        Map<String, LabelRule.Label> names = labels.full(named, language);
        String formula = values.getOrDefault(Atlas.formula.getURI(), List.of()).stream()
                .filter(Node::isLiteral)
                .map(Node::getLiteralLexicalForm)
                .findFirst()
                .orElse(null);
        return new ClaimView(
                statement,
                statementLanguage,
                negated,
                name != null && !name.equals(statement) ? name : null,
                certainty == null ? null : certainty.substring(certainty.lastIndexOf('#') + 1),
                certainty == null ? null : names.get(certainty).text(),
                text(values.get(Atlas.regime.getURI()), language),
                about.stream()
                        .map(a -> named(a, names, "Phenomenon"))
                        .sorted(Comparator.comparing(Named::label))
                        .toList(),
                sourcesOf(iri),
                law && formula != null ? law(iri, formula, language) : null);
    }

    private List<Citation> sourcesOf(String claim) {
        List<String> sources = new ArrayList<>();
        select(
                LAW_SOURCES,
                claim,
                "en",
                Map.of("laws", List.of(claim)),
                row -> sources.add(row.get("s").getURI()));
        List<Citation> out = new ArrayList<>();
        for (String s : sources) {
            List<Citation> c = phenomena.citations(s);
            out.addAll(
                    c.isEmpty()
                            ? List.of(new Citation(
                                    s,
                                    links.href(s),
                                    null,
                                    null,
                                    labels.of(List.of(s), "en").get(s),
                                    null,
                                    null,
                                    null))
                            : c);
        }
        return out;
    }

    private LawView law(String iri, String formula, String language) {
        List<String> versions = new ArrayList<>(List.of(iri));
        select(VERSIONS, iri, language, row -> {
            if (!versions.contains(row.get("v").getURI())) {
                versions.add(row.get("v").getURI());
            }
        });
        // symbol -> version -> value as written
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        Map<String, String> definitions = new LinkedHashMap<>();
        select(PARAMETERS, iri, language, Map.of("laws", versions), row -> {
            String symbol = row.get("symbol").getLiteralLexicalForm();
            Map<String, String> byVersion = table.computeIfAbsent(symbol, s -> new LinkedHashMap<>());
            String value = row.contains("value") ? number(row.get("value")) : null;
            if (value != null && row.contains("unc")) {
                value = value + " ± " + number(row.get("unc"));
            }
            byVersion.merge(row.get("law").getURI(), value == null ? "" : value, (a, b) -> a.isEmpty() ? b : a);
            if (row.contains("def") && row.get("law").getURI().equals(iri)) {
                definitions.putIfAbsent(symbol, row.get("def").getLiteralLexicalForm());
            }
        });
        if (!language.equals("en")) {
            select(PARAMETERS, iri, "en", Map.of("laws", List.of(iri)), row -> {
                if (row.contains("def")) {
                    definitions.putIfAbsent(
                            row.get("symbol").getLiteralLexicalForm(),
                            row.get("def").getLiteralLexicalForm());
                }
            });
        }
        Map<String, List<String>> sources = new LinkedHashMap<>();
        select(
                LAW_SOURCES,
                iri,
                language,
                Map.of("laws", versions),
                row -> sources.computeIfAbsent(row.get("law").getURI(), l -> new ArrayList<>())
                        .add(row.get("s").getURI()));
        List<String[]> checkRows = new ArrayList<>();
        select(
                CHECKS,
                iri,
                language,
                row -> checkRows.add(new String[] {
                    row.get("check").getURI(),
                    row.get("verdict").getURI(),
                    row.contains("exp") ? row.get("exp").getURI() : null,
                    row.get("n").getLiteralLexicalForm(),
                    row.get("o").getLiteralLexicalForm()
                }));
        Set<String> named = new LinkedHashSet<>(versions);
        checkRows.forEach(r -> {
            if (r[2] != null) {
                named.add(r[2]);
            }
        });
        Map<String, LabelRule.Label> names = labels.full(named, language);
        Map<String, Citation> citations = new LinkedHashMap<>();
        List<Version> columns = versions.stream()
                .map(v -> new Version(
                        named(v, names, "Law"),
                        sources.getOrDefault(v, List.of()).stream()
                                .map(s -> citations.computeIfAbsent(
                                        s,
                                        x -> phenomena.citations(x).stream()
                                                .findFirst()
                                                .orElse(null)))
                                .filter(c -> c != null)
                                .toList(),
                        v.equals(iri)))
                .toList();
        List<ParameterRow> rows = new ArrayList<>();
        table.forEach((symbol, byVersion) -> {
            if (byVersion.containsKey(iri)) {
                rows.add(new ParameterRow(
                        symbol,
                        TexFormula.name(symbol),
                        definitions.get(symbol),
                        versions.stream()
                                .map(v -> {
                                    String value = byVersion.get(v);
                                    return value == null || value.isEmpty() ? null : value;
                                })
                                .toList()));
            }
        });
        // the versions that record none of this law's parameters are no versions of it
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            int column = i;
            if (i == 0 || rows.stream().anyMatch(r -> r.values().get(column) != null)) {
                keep.add(i);
            }
        }
        return new LawView(
                formula,
                TexFormula.of(formula),
                keep.stream().map(columns::get).toList(),
                rows.stream()
                        .map(r -> new ParameterRow(
                                r.symbol(),
                                r.tex(),
                                r.definition(),
                                keep.stream().map(i -> r.values().get(i)).toList()))
                        .toList(),
                checkRows.stream()
                        .map(r -> new CheckLine(
                                r[0],
                                r[1].substring(r[1].lastIndexOf('#') + 1),
                                Integer.parseInt(r[3]),
                                Integer.parseInt(r[4]),
                                r[2] == null ? null : named(r[2], names, "Experiment")))
                        .toList());
    }

    // ---------------------------------------------------------------- sources

    public SourceView source(String iri, String language) {
        Citation citation = phenomena.citations(iri).stream().findFirst().orElse(null);
        Map<String, Boolean> stated = new LinkedHashMap<>();
        select(
                STATED,
                iri,
                language,
                row -> stated.merge(
                        row.get("c").getURI(),
                        "true".equals(row.get("law").getLiteralLexicalForm()),
                        Boolean::logicalOr));
        Map<String, LabelRule.Label> statements = statements(stated.keySet(), language);
        List<Stated> states = stated.entrySet().stream()
                .map(e -> {
                    LabelRule.Label l = statements.get(e.getKey());
                    return new Stated(
                            new Named(
                                    e.getKey(),
                                    links.href(e.getKey()),
                                    l.full(),
                                    l.full(),
                                    e.getValue() ? "Law" : "Claim"),
                            e.getValue());
                })
                .sorted(Comparator.comparing((Stated s) -> s.law())
                        .thenComparing(s -> s.claim().label()))
                .toList();
        return new SourceView(citation, states);
    }

    /** Claims by their statements (read as negated when they are), else by the label rule. */
    private Map<String, LabelRule.Label> statements(Set<String> claims, String language) {
        Map<String, LabelRule> rules = new LinkedHashMap<>();
        if (!claims.isEmpty()) {
            select(
                    STATEMENTS,
                    null,
                    language,
                    Map.of("claims", List.copyOf(claims)),
                    row -> rules.computeIfAbsent(row.get("c").getURI(), c -> new LabelRule())
                            .offer(row.get("p").getURI(), row.get("o")));
        }
        Map<String, LabelRule.Label> fallback = labels.full(claims, language);
        Map<String, LabelRule.Label> out = new LinkedHashMap<>();
        for (String c : claims) {
            LabelRule rule = rules.get(c);
            out.put(c, rule == null ? fallback.get(c) : rule.label(language).orElse(fallback.get(c)));
        }
        return out;
    }

    // ---------------------------------------------------------------- runs

    /** The run's findings, by detector (newest version first) and then by source. */
    public List<Verdict> verdicts(String run, String language) {
        record Row(
                String by, String version, String observable, Node value, Node step, String event, String indicates) {}
        List<Row> rows = new ArrayList<>();
        select(
                VERDICTS,
                run,
                language,
                row -> rows.add(new Row(
                        row.contains("by") ? row.get("by").getURI() : "",
                        row.contains("version") ? row.get("version").getLiteralLexicalForm() : null,
                        row.contains("observable") ? row.get("observable").getURI() : null,
                        row.get("value"),
                        row.get("step"),
                        row.contains("event") ? row.get("event").getLiteralLexicalForm() : null,
                        row.contains("indicates") ? row.get("indicates").getURI() : null)));
        Set<String> named = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (!r.by().isEmpty()) {
                named.add(r.by());
            }
            if (r.observable() != null) {
                named.add(r.observable());
            }
            if (r.indicates() != null) {
                named.add(r.indicates());
            }
        });
        Map<String, LabelRule.Label> names = labels.full(named, language);
        Map<String, List<Row>> byWho = new LinkedHashMap<>();
        rows.forEach(r -> byWho.computeIfAbsent(r.by(), b -> new ArrayList<>()).add(r));
        List<Verdict> out = new ArrayList<>();
        byWho.forEach((by, list) -> {
            String version = list.stream()
                    .map(Row::version)
                    .filter(v -> v != null)
                    .findFirst()
                    .orElse(null);
            boolean detector = version != null;
            List<Named> phases = list.stream()
                    .map(Row::indicates)
                    .filter(i -> i != null)
                    .distinct()
                    .map(i -> named(i, names, "Phenomenon"))
                    .toList();
            List<Finding> findings = new ArrayList<>();
            Set<String> seenObservations = new LinkedHashSet<>();
            for (Row r : list) {
                if (r.indicates() != null && r.value() == null) {
                    continue;
                }
                String key = r.observable() + "|" + r.value() + "|" + r.step() + "|" + r.event();
                if (seenObservations.add(key)) {
                    findings.add(new Finding(
                            r.observable() == null ? null : named(r.observable(), names, "Observable"),
                            r.value() == null ? null : number(r.value()),
                            r.step() == null ? null : number(r.step()),
                            r.event(),
                            r.indicates() == null ? null : named(r.indicates(), names, "Phenomenon")));
                }
            }
            out.add(new Verdict(
                    by.isEmpty() ? null : named(by, names, detector ? "Detector" : "Source"),
                    version,
                    detector,
                    phases,
                    findings));
        });
        out.sort(Comparator.comparing((Verdict v) -> !v.detector()));
        return out;
    }

    // ---------------------------------------------------------------- observables

    /** An observable: how it is computed, its unit, the sources that define it, what it tracks. */
    public record ObservableView(
            String formula, String computation, Named unit, List<Citation> definedBy, List<Named> tracks) {}

    private static final String OBSERVABLE = PREFIXES + """
            SELECT ?p ?o WHERE {
              VALUES ?p { atlas:formula atlas:computation atlas:unit atlas:tracks }
              ?x ?p ?o .
            }""";

    public ObservableView observable(String iri, String language) {
        Map<String, List<Node>> values = new LinkedHashMap<>();
        select(
                OBSERVABLE,
                iri,
                language,
                row -> values.computeIfAbsent(row.get("p").getURI(), p -> new ArrayList<>())
                        .add(row.get("o")));
        String unit = values.getOrDefault(Atlas.unit.getURI(), List.of()).stream()
                .filter(Node::isURI)
                .map(Node::getURI)
                .findFirst()
                .orElse(null);
        List<String> tracks = values.getOrDefault(Atlas.tracks.getURI(), List.of()).stream()
                .filter(Node::isURI)
                .map(Node::getURI)
                .toList();
        Set<String> named = new LinkedHashSet<>(tracks);
        if (unit != null) {
            named.add(unit);
        }
        Map<String, LabelRule.Label> names = labels.full(named, language);
        return new ObservableView(
                text(values.get(Atlas.formula.getURI()), language),
                text(values.get(Atlas.computation.getURI()), language),
                unit == null ? null : named(unit, names, "Unit"),
                sourcesOf(iri),
                tracks.stream()
                        .map(t -> named(t, names, "Phenomenon"))
                        .sorted(Comparator.comparing(Named::label))
                        .toList());
    }

    // ---------------------------------------------------------------- nodes without a name

    private static final String DESCRIBED = PREFIXES + """
            SELECT ?n ?observable ?run ?symbol ?key ?value ?metric WHERE {
              VALUES (?n) { ?nodes }
              OPTIONAL { ?n atlas:observable ?observable }
              OPTIONAL { ?n atlas:run ?run }
              OPTIONAL { ?n atlas:symbol ?symbol }
              OPTIONAL { ?n atlas:configKey ?key . OPTIONAL { ?n atlas:configValue ?value } }
              OPTIONAL { ?n atlas:metricKey ?metric }
            }""";

    /**
     * Names for nodes that have no label, title or statement, from what they are: an observation by its
     * observable and run ("learning phase label · run lr00 wd04"), a series by its metric key and run, a law
     * parameter by its symbol, a configuration setting by its key and value. Nodes none of these fit are left
     * out.
     */
    public Map<String, String> describe(Set<String> nodes, String language) {
        if (nodes.isEmpty()) {
            return Map.of();
        }
        record Parts(String observable, String run, String symbol, String key, String value, String metric) {}
        Map<String, Parts> parts = new LinkedHashMap<>();
        select(
                DESCRIBED,
                null,
                language,
                Map.of("nodes", List.copyOf(nodes)),
                row -> parts.putIfAbsent(
                        row.get("n").getURI(),
                        new Parts(
                                uri(row.get("observable")),
                                uri(row.get("run")),
                                lexical(row.get("symbol")),
                                lexical(row.get("key")),
                                row.get("value") == null ? null : PlainNumbers.text(row.get("value")),
                                lexical(row.get("metric")))));
        Set<String> named = new LinkedHashSet<>();
        parts.values().forEach(p -> {
            if (p.observable() != null) {
                named.add(p.observable());
            }
            if (p.run() != null) {
                named.add(p.run());
            }
        });
        Map<String, String> names = labels.of(named, language);
        Map<String, String> out = new LinkedHashMap<>();
        parts.forEach((n, p) -> {
            String run = p.run() == null ? null : names.get(p.run());
            String name = p.observable() != null
                    ? names.get(p.observable()) + (run == null ? "" : " · " + run)
                    : p.metric() != null
                            ? p.metric() + (run == null ? "" : " · " + run)
                            : p.symbol() != null
                                    ? p.symbol()
                                    : p.key() != null ? p.key() + (p.value() == null ? "" : " = " + p.value()) : null;
            if (name != null) {
                out.put(n, name);
            }
        });
        return out;
    }

    private static String uri(Node n) {
        return n != null && n.isURI() ? n.getURI() : null;
    }

    private static String lexical(Node n) {
        return n != null && n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }

    // ---------------------------------------------------------------- helpers

    /** A number as the source wrote it: the shortest plain form, with an exponent only for huge or tiny values. */
    static String number(Node n) {
        if (n == null || !n.isLiteral()) {
            return null;
        }
        return PlainNumbers.text(n);
    }

    private Named named(String iri, Map<String, LabelRule.Label> names, String kind) {
        LabelRule.Label label = names.get(iri);
        return new Named(iri, links.href(iri), label.text(), label.full(), kind);
    }

    private static String best(List<Node> literals, String language) {
        if (literals == null) {
            return null;
        }
        return literals.stream()
                .filter(Node::isLiteral)
                .map(Node::getLiteralLanguage)
                .sorted(Comparator.comparing((String l) -> !l.equals(language)).thenComparing(l -> !l.equals("en")))
                .findFirst()
                .orElse(null);
    }

    private static String text(List<Node> literals, String language) {
        if (literals == null) {
            return null;
        }
        String lang = best(literals, language);
        return literals.stream()
                .filter(n -> n.isLiteral() && n.getLiteralLanguage().equals(lang))
                .map(Node::getLiteralLexicalForm)
                .findFirst()
                .orElse(null);
    }

    private void select(String query, String node, String language, Consumer<Binding> onRow) {
        select(query, node, language, Map.of(), onRow);
    }

    /** Runs the query with {@code ?x} the node and {@code ?lang} the language, each list of IRIs as VALUES. */
    private void select(
            String query, String node, String language, Map<String, List<String>> values, Consumer<Binding> onRow) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        values.forEach((name, iris) -> pss.setValues(
                name, iris.stream().map(ResourceFactory::createResource).toList()));
        if (node != null) {
            pss.setIri("x", node);
        }
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(onRow);
            return null;
        });
    }
}
