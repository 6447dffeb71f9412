package org.physicsofai.atlas.web.sparql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.vocabulary.RDFS;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the query editor completes: the Atlas prefixes with their namespaces, and every term of those
 * namespaces the shipped ontology and its shapes name (its classes, properties and value sets, and the
 * standard terms they use, such as skos:prefLabel), each with its English and Chinese label where the
 * ontology gives one. Read once.
 */
@Component
class SparqlVocabulary {

    /** One term: its prefixed name and labels (empty when the ontology gives none). */
    record Term(String name, String en, String zh) {}

    private final String json;

    SparqlVocabulary(JsonMapper mapper) {
        PrefixMapping prefixes = AtlasOntology.prefixes();
        Graph graph = AtlasOntology.ontologyGraph();
        Set<String> iris = new TreeSet<>();
        // the ontology's terms, and those the shapes let data use (skos:prefLabel, dcterms:title, ...)
        for (Graph source : List.of(graph, AtlasOntology.shapesGraph())) {
            source.find().forEach(t -> {
                for (Node node : List.of(t.getSubject(), t.getPredicate(), t.getObject())) {
                    if (node.isURI()) {
                        iris.add(node.getURI());
                    }
                }
            });
        }
        List<Term> terms = new ArrayList<>();
        for (String iri : iris) {
            String name = prefixes.qnameFor(iri);
            if (name == null || name.endsWith(":") || name.startsWith("id:")) {
                continue;
            }
            Node subject = NodeFactory.createURI(iri);
            terms.add(new Term(name, label(graph, subject, "en"), label(graph, subject, "zh")));
        }
        terms.sort(Comparator.comparing(Term::name, String.CASE_INSENSITIVE_ORDER));
        Map<String, Object> vocabulary = new LinkedHashMap<>();
        vocabulary.put("prefixes", new LinkedHashMap<>(prefixes.getNsPrefixMap()));
        vocabulary.put("terms", terms);
        this.json = mapper.writeValueAsString(vocabulary);
    }

    /** The vocabulary as JSON: {@code {"prefixes": {name: namespace}, "terms": [{name, en, zh}]}}. */
    String json() {
        return json;
    }

    private static String label(Graph graph, Node subject, String language) {
        return graph.find(subject, RDFS.label.asNode(), Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .filter(o -> o.isLiteral() && o.getLiteralLanguage().equals(language))
                .map(o -> o.getLiteralLexicalForm())
                .findFirst()
                .orElse("");
    }
}
