package org.physicsofai.atlas.web.review;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.physicsofai.atlas.entity.LabelRule;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.trace.NodeLabels;
import org.physicsofai.atlas.web.entity.EntityLinks;
import org.physicsofai.atlas.web.system.PlainNumbers;

/**
 * Statements of a contribution as a reader of entity pages reads them: grouped by the node they are
 * about, each node named by the one label rule (from the contribution's own statements first, then from
 * the accepted knowledge), its kinds and properties named by the ontology's labels, values by their
 * names, numbers as written; the series of a run as curves read from the contribution's own points.
 *
 * @param nodes the nodes, experiments and runs first
 */
public record ContributionNodes(List<NodeGroup> nodes) {

    /** One node: an anchor on the page, its name, its kinds, its properties and its series. */
    public record NodeGroup(
            String anchor,
            String iri,
            String label,
            String full,
            List<String> kinds,
            List<Row> rows,
            List<SeriesLine> series) {}

    /** One property with its values. */
    public record Row(String property, String propertyIri, List<Value> values) {}

    /** A value: its text, the whole text of a cut statement, and a link (a node of this page, or an entity page). */
    public record Value(String text, String full, String href) {}

    /** A curve of this contribution: where its points are read, and its metric. */
    public record SeriesLine(String url, String label) {}

    static final List<String> ORDER = List.of(
            Atlas.Experiment.getURI(),
            Atlas.Run.getURI(),
            Atlas.Observation.getURI(),
            Atlas.Claim.getURI(),
            Atlas.Law.getURI(),
            Atlas.Phenomenon.getURI(),
            Atlas.Observable.getURI(),
            Atlas.Source.getURI());

    private static final Map<String, Map<String, String>> TERMS = ontologyLabels();

    /**
     * The statements grouped by node.
     *
     * @param contribution the contribution's IRI, for reading its own series
     */
    public static ContributionNodes of(
            List<Triple> triples, String contribution, NodeLabels labels, EntityLinks links, String language) {
        Map<Node, List<Triple>> bySubject = new LinkedHashMap<>();
        triples.forEach(t -> bySubject
                .computeIfAbsent(t.getSubject(), s -> new ArrayList<>())
                .add(t));
        Map<Node, String> anchors = new HashMap<>();
        Map<Node, LabelRule> rules = new HashMap<>();
        int n = 0;
        for (Map.Entry<Node, List<Triple>> e : bySubject.entrySet()) {
            anchors.put(e.getKey(), "node-" + ++n);
            LabelRule rule = new LabelRule();
            e.getValue().forEach(t -> rule.offer(t.getPredicate().getURI(), t.getObject()));
            rules.put(e.getKey(), rule);
        }
        Set<String> outside = new LinkedHashSet<>();
        triples.forEach(t -> {
            for (Node node : List.of(t.getSubject(), t.getObject())) {
                if (node.isURI() && !TERMS.containsKey(node.getURI()) && rules.get(node) == null) {
                    outside.add(node.getURI());
                }
            }
            if (t.getSubject().isURI()
                    && rules.get(t.getSubject()).label(language).isEmpty()) {
                outside.add(t.getSubject().getURI());
            }
        });
        Map<String, LabelRule.Label> accepted = outside.isEmpty() ? Map.of() : labels.full(outside, language);

        Namer namer = new Namer(rules, accepted, anchors, links, language);
        List<NodeGroup> groups = new ArrayList<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (Map.Entry<Node, List<Triple>> e : bySubject.entrySet()) {
            Node subject = e.getKey();
            if (hasType(e.getValue(), Atlas.Series.getURI())) {
                continue; // drawn with its run
            }
            List<String> kinds = new ArrayList<>();
            Map<String, List<Value>> rows = new LinkedHashMap<>();
            List<SeriesLine> series = new ArrayList<>();
            for (Triple t : e.getValue()) {
                String p = t.getPredicate().getURI();
                if (p.equals(RDF.type.getURI()) && t.getObject().isURI()) {
                    kinds.add(term(t.getObject().getURI(), language));
                } else if (p.equals(Atlas.series.getURI()) && bySubject.containsKey(t.getObject())) {
                    series.add(seriesLine(t.getObject(), bySubject.get(t.getObject()), contribution));
                } else {
                    rows.computeIfAbsent(p, k -> new ArrayList<>()).add(namer.value(t.getObject()));
                }
            }
            List<Row> rowList = new ArrayList<>();
            rows.forEach((p, values) -> rowList.add(new Row(term(p, language), p, values)));
            rowList.sort(Comparator.comparing(Row::property, String.CASE_INSENSITIVE_ORDER));
            LabelRule.Label label = namer.label(subject);
            ranks.put(anchors.get(subject), rank(e.getValue()));
            groups.add(new NodeGroup(
                    anchors.get(subject),
                    subject.isURI() ? subject.getURI() : null,
                    label.text(),
                    label.full(),
                    List.copyOf(kinds),
                    List.copyOf(rowList),
                    List.copyOf(series)));
        }
        groups.sort(Comparator.comparingInt((NodeGroup g) -> ranks.get(g.anchor()))
                .thenComparing(NodeGroup::label, String.CASE_INSENSITIVE_ORDER));
        return new ContributionNodes(List.copyOf(groups));
    }

    /** Experiments first, then runs, observations, claims, laws, phenomena, observables, sources, others. */
    private static int rank(List<Triple> statements) {
        return statements.stream()
                .filter(t -> t.getPredicate().equals(RDF.type.asNode())
                        && t.getObject().isURI())
                .mapToInt(t -> {
                    int i = ORDER.indexOf(t.getObject().getURI());
                    return i < 0 ? ORDER.size() : i;
                })
                .min()
                .orElse(ORDER.size() + 1);
    }

    private static boolean hasType(List<Triple> triples, String type) {
        return triples.stream()
                .anyMatch(t -> t.getPredicate().equals(RDF.type.asNode())
                        && t.getObject().isURI()
                        && t.getObject().getURI().equals(type));
    }

    private static SeriesLine seriesLine(Node series, List<Triple> statements, String contribution) {
        String iri = series.getURI();
        String id = iri.substring(iri.lastIndexOf('/') + 1);
        String metric = statements.stream()
                .filter(t -> t.getPredicate().getURI().equals(Atlas.metricKey.getURI()))
                .map(t -> t.getObject().getLiteralLexicalForm())
                .findFirst()
                .orElse(id);
        return new SeriesLine(
                "/api/series/" + id + "?contribution=" + URLEncoder.encode(contribution, StandardCharsets.UTF_8),
                metric);
    }

    /** Names of the standard properties the Atlas's nodes use, which its ontology does not label. */
    private static final Map<String, Map<String, String>> STANDARD = Map.of(
            "http://www.w3.org/2004/02/skos/core#prefLabel", Map.of("en", "name", "zh", "名称"),
            "http://www.w3.org/2000/01/rdf-schema#label", Map.of("en", "name", "zh", "名称"),
            "http://www.w3.org/2004/02/skos/core#altLabel", Map.of("en", "other name", "zh", "别名"),
            "http://www.w3.org/2004/02/skos/core#definition", Map.of("en", "definition", "zh", "定义"),
            "http://www.w3.org/2000/01/rdf-schema#comment", Map.of("en", "comment", "zh", "说明"),
            "http://purl.org/dc/terms/title", Map.of("en", "title", "zh", "标题"),
            "http://purl.org/dc/terms/source", Map.of("en", "source", "zh", "来源"));

    /** A term of the ontology by its label in the language, else its prefixed name. */
    static String term(String iri, String language) {
        Map<String, String> byLanguage = TERMS.getOrDefault(iri, STANDARD.get(iri));
        if (byLanguage != null) {
            String label = byLanguage.getOrDefault(language, byLanguage.get("en"));
            if (label != null) {
                return label;
            }
        }
        return AtlasOntology.prefixes().shortForm(iri);
    }

    private static Map<String, Map<String, String>> ontologyLabels() {
        Graph graph = AtlasOntology.ontologyGraph();
        Map<String, Map<String, String>> labels = new HashMap<>();
        graph.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral()) {
                labels.computeIfAbsent(t.getSubject().getURI(), k -> new HashMap<>())
                        .putIfAbsent(
                                t.getObject().getLiteralLanguage(),
                                t.getObject().getLiteralLexicalForm());
            }
        });
        return Map.copyOf(labels);
    }

    /** Names nodes and values of one page. */
    private record Namer(
            Map<Node, LabelRule> rules,
            Map<String, LabelRule.Label> accepted,
            Map<Node, String> anchors,
            EntityLinks links,
            String language) {

        LabelRule.Label label(Node node) {
            LabelRule rule = rules.get(node);
            if (rule != null && rule.label(language).isPresent()) {
                return rule.label(language).get();
            }
            if (node.isURI()) {
                LabelRule.Label known = accepted.get(node.getURI());
                if (known != null) {
                    return known;
                }
                String iri = node.getURI();
                String last = iri.substring(Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#')) + 1);
                return new LabelRule.Label(last, last);
            }
            return new LabelRule.Label("…", "…");
        }

        Value value(Node object) {
            if (object.isLiteral()) {
                String text = PlainNumbers.plain(object).getLiteralLexicalForm();
                String shown = LabelRule.shorten(text);
                return new Value(shown, text, null);
            }
            if (object.isURI() && TERMS.containsKey(object.getURI())) {
                return new Value(term(object.getURI(), language), object.getURI(), links.href(object.getURI()));
            }
            LabelRule.Label label = label(object);
            String href = anchors.containsKey(object)
                    ? "#" + anchors.get(object)
                    : object.isURI() ? links.href(object.getURI()) : null;
            return new Value(label.text(), label.full(), href);
        }
    }
}
