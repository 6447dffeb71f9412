package org.physicsofai.atlas.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.physicsofai.atlas.entity.LabelRule;
import org.physicsofai.atlas.store.KnowledgeStore;

/**
 * Names for the nodes and links of traces, by the Atlas's one {@link LabelRule}; a node with no
 * label, title or statement is named by the last segment of its IRI.
 */
public final class NodeLabels {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Var X = Var.alloc("x");
    private static final String QUERY = "SELECT ?x ?p ?label WHERE { VALUES ?p { "
            + LabelRule.PREDICATES.stream().map(p -> "<" + p + ">").collect(Collectors.joining(" "))
            + " } ?x ?p ?label }";

    private final KnowledgeStore store;

    public NodeLabels(KnowledgeStore store) {
        this.store = store;
    }

    /** A label for every IRI given, in the language ({@code en} or {@code zh}). */
    public Map<String, String> of(Collection<String> iris, String language) {
        Map<String, String> labels = new HashMap<>();
        rules(iris).forEach((iri, rule) -> labels.put(iri, rule.text(language, lastSegment(iri))));
        return labels;
    }

    /** The name of every IRI given, with the full text of a cut statement, in the language. */
    public Map<String, LabelRule.Label> full(Collection<String> iris, String language) {
        Map<String, LabelRule.Label> labels = new HashMap<>();
        rules(iris)
                .forEach((iri, rule) -> labels.put(iri, rule.label(language).orElseGet(() -> {
                    String last = lastSegment(iri);
                    return new LabelRule.Label(last, last);
                })));
        return labels;
    }

    private Map<String, LabelRule> rules(Collection<String> iris) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(iris));
        Map<String, LabelRule> rules = new LinkedHashMap<>();
        distinct.forEach(iri -> rules.put(iri, new LabelRule()));
        for (int from = 0; from < distinct.size(); from += StoreStatements.BATCH) {
            List<Binding> rows =
                    distinct.subList(from, Math.min(distinct.size(), from + StoreStatements.BATCH)).stream()
                            .map(iri -> BindingFactory.binding(X, NodeFactory.createURI(iri)))
                            .toList();
            store.query(StoreStatements.withValues(QUERY, List.of(X), rows), TIMEOUT, exec -> {
                exec.select()
                        .forEachRemaining(row -> rules.get(row.get(X).getURI())
                                .offer(row.get("p").getURI(), row.get("label")));
                return null;
            });
        }
        return rules;
    }

    static String lastSegment(String iri) {
        String trimmed = iri.endsWith("/") ? iri.substring(0, iri.length() - 1) : iri;
        return trimmed.substring(Math.max(trimmed.lastIndexOf('#'), trimmed.lastIndexOf('/')) + 1);
    }
}
