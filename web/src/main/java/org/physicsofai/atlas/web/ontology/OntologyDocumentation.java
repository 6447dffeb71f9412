package org.physicsofai.atlas.web.ontology;

import java.util.Comparator;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;

/** The ontology's terms laid out for its documentation page: classes, properties and value sets. */
record OntologyDocumentation(List<TermDoc> classes, List<TermDoc> properties, List<TermDoc> individuals) {

    /**
     * One term.
     *
     * @param parents super-classes or super-properties, as prefixed names
     * @param domain the property's domain, or the individual's class
     */
    record TermDoc(
            String name,
            String iri,
            String kind,
            String labelEn,
            String labelZh,
            String definition,
            List<String> parents,
            String domain,
            String range) {}

    static OntologyDocumentation fromShippedOntology() {
        Graph graph = AtlasOntology.ontologyGraph();
        List<TermDoc> all = graph.find(Node.ANY, RDF.type.asNode(), Node.ANY).toList().stream()
                .map(t -> t.getSubject())
                .filter(s -> s.isURI() && s.getURI().startsWith(Atlas.NS))
                .distinct()
                .map(s -> term(graph, s))
                .sorted(Comparator.comparing(TermDoc::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        return new OntologyDocumentation(
                all.stream().filter(t -> t.kind().equals("class")).toList(),
                all.stream().filter(t -> t.kind().endsWith("Property")).toList(),
                all.stream().filter(t -> t.kind().equals("individual")).toList());
    }

    private static TermDoc term(Graph graph, Node subject) {
        String kind;
        if (graph.contains(subject, RDF.type.asNode(), OWL.Class.asNode())) {
            kind = "class";
        } else if (graph.contains(subject, RDF.type.asNode(), OWL.ObjectProperty.asNode())) {
            kind = "objectProperty";
        } else if (graph.contains(subject, RDF.type.asNode(), OWL.DatatypeProperty.asNode())) {
            kind = "datatypeProperty";
        } else {
            kind = "individual";
        }
        List<String> parentNames = java.util.stream.Stream.concat(
                        graph.find(subject, RDFS.subClassOf.asNode(), Node.ANY).toList().stream(),
                        graph.find(subject, RDFS.subPropertyOf.asNode(), Node.ANY).toList().stream())
                .map(t -> shortForm(t.getObject()))
                .sorted()
                .toList();
        String domain = kind.equals("individual")
                ? graph.find(subject, RDF.type.asNode(), Node.ANY).toList().stream()
                        .map(t -> t.getObject())
                        .filter(o -> o.getURI().startsWith(Atlas.NS))
                        .map(OntologyDocumentation::shortForm)
                        .findFirst()
                        .orElse(null)
                : first(graph, subject, RDFS.domain.asNode());
        return new TermDoc(
                subject.getURI().substring(Atlas.NS.length()),
                subject.getURI(),
                kind,
                literal(graph, subject, RDFS.label.asNode(), "en"),
                literal(graph, subject, RDFS.label.asNode(), "zh"),
                literal(graph, subject, SKOS.definition.asNode(), "en"),
                parentNames,
                domain,
                first(graph, subject, RDFS.range.asNode()));
    }

    private static String first(Graph graph, Node subject, Node predicate) {
        return graph.find(subject, predicate, Node.ANY).toList().stream()
                .map(t -> shortForm(t.getObject()))
                .findFirst()
                .orElse(null);
    }

    private static String literal(Graph graph, Node subject, Node predicate, String language) {
        return graph.find(subject, predicate, Node.ANY).toList().stream()
                .map(t -> t.getObject())
                .filter(o -> o.isLiteral() && o.getLiteralLanguage().equals(language))
                .map(Node::getLiteralLexicalForm)
                .findFirst()
                .orElse("");
    }

    private static String shortForm(Node node) {
        return node.isURI() ? AtlasOntology.prefixes().shortForm(node.getURI()) : node.toString();
    }
}
