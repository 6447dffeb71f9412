package org.physicsofai.atlas.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Names for the nodes and links of traces, as a reader of one language would want them: the
 * preferred label or {@code rdfs:label} in that language, else in English, else in any; else a
 * source's title; else the start of a claim's statement; else the last segment of the IRI.
 */
public final class NodeLabels {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Var X = Var.alloc("x");
    private static final String QUERY = """
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            SELECT ?x ?label ?kind WHERE {
              { ?x skos:prefLabel|rdfs:label ?label BIND(1 AS ?kind) }
              UNION { ?x dcterms:title ?label BIND(2 AS ?kind) }
              UNION { ?x atlas:statement ?label BIND(3 AS ?kind) }
            }""";
    /** Statements longer than this are cut at a word to serve as labels. */
    static final int STATEMENT_LENGTH = 70;

    private final KnowledgeStore store;

    public NodeLabels(KnowledgeStore store) {
        this.store = store;
    }

    /** A label for every IRI given, in the language ({@code en} or {@code zh}). */
    public Map<String, String> of(Collection<String> iris, String language) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(iris));
        Map<String, List<Node>> found = new HashMap<>();
        Map<String, List<Node>> titles = new HashMap<>();
        Map<String, List<Node>> statements = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += StoreStatements.BATCH) {
            List<Binding> rows =
                    distinct.subList(from, Math.min(distinct.size(), from + StoreStatements.BATCH)).stream()
                            .map(iri -> BindingFactory.binding(X, NodeFactory.createURI(iri)))
                            .toList();
            store.query(StoreStatements.withValues(QUERY, List.of(X), rows), TIMEOUT, exec -> {
                exec.select().forEachRemaining(row -> {
                    Node label = row.get("label");
                    if (label.isLiteral()) {
                        Map<String, List<Node>> kind =
                                switch (Integer.parseInt(row.get("kind").getLiteralLexicalForm())) {
                                    case 1 -> found;
                                    case 2 -> titles;
                                    default -> statements;
                                };
                        kind.computeIfAbsent(row.get(X).getURI(), x -> new ArrayList<>())
                                .add(label);
                    }
                });
                return null;
            });
        }
        Map<String, String> labels = new HashMap<>();
        for (String iri : distinct) {
            labels.put(
                    iri,
                    best(found.getOrDefault(iri, List.of()), language)
                            .or(() -> best(titles.getOrDefault(iri, List.of()), language))
                            .or(() -> best(statements.getOrDefault(iri, List.of()), language)
                                    .map(NodeLabels::shorten))
                            .orElseGet(() -> lastSegment(iri)));
        }
        return labels;
    }

    private static Optional<String> best(List<Node> candidates, String language) {
        return pick(candidates, language)
                .or(() -> pick(candidates, "en"))
                .or(() -> pick(candidates, ""))
                .or(() -> candidates.stream()
                        .map(Node::getLiteralLexicalForm)
                        .sorted()
                        .findFirst());
    }

    static String shorten(String text) {
        if (text.length() <= STATEMENT_LENGTH) {
            return text;
        }
        int cut = text.lastIndexOf(' ', STATEMENT_LENGTH);
        return text.substring(0, cut > STATEMENT_LENGTH / 2 ? cut : STATEMENT_LENGTH) + "…";
    }

    private static Optional<String> pick(List<Node> labels, String language) {
        return labels.stream()
                .filter(l -> l.getLiteralLanguage().equalsIgnoreCase(language))
                .map(Node::getLiteralLexicalForm)
                .sorted()
                .findFirst();
    }

    static String lastSegment(String iri) {
        String trimmed = iri.endsWith("/") ? iri.substring(0, iri.length() - 1) : iri;
        return trimmed.substring(Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf('/')) + 1);
    }
}
