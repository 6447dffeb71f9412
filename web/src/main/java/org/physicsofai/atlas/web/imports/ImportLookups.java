package org.physicsofai.atlas.web.imports;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.springframework.stereotype.Component;

/** What the import page asks of accepted knowledge: whether a node has a type, and labels. */
@Component
class ImportLookups {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KnowledgeStore store;

    ImportLookups(KnowledgeStore store) {
        this.store = store;
    }

    boolean isExperiment(String iri) {
        return hasType(iri, Atlas.Experiment.getURI());
    }

    boolean isObservable(String iri) {
        return hasType(iri, Atlas.Observable.getURI());
    }

    private boolean hasType(String iri, String type) {
        if (iri == null || !(iri.startsWith("http://") || iri.startsWith("https://"))) {
            return false;
        }
        ParameterizedSparqlString pss = new ParameterizedSparqlString("ASK { ?node a ?type }");
        pss.setIri("node", iri);
        pss.setIri("type", type);
        return store.query(pss.asQuery(), TIMEOUT, exec -> exec.ask());
    }

    /** The label of each node that has one, in the language if there is one in it, else in English, else any. */
    Map<String, String> labels(Collection<String> iris, String language) {
        List<RDFNode> nodes = iris.stream()
                .filter(i -> i != null && (i.startsWith("http://") || i.startsWith("https://")))
                .distinct()
                .map(i -> (RDFNode) ResourceFactory.createResource(i))
                .toList();
        Map<String, String> labels = new HashMap<>();
        if (nodes.isEmpty()) {
            return labels;
        }
        ParameterizedSparqlString pss = new ParameterizedSparqlString("""
                PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
                SELECT ?node ?label WHERE {
                  VALUES (?node) { ?nodes }
                  ?node skos:prefLabel ?label
                  BIND (IF(LANG(?label) = ?lang, 0, IF(LANG(?label) = "en", 1, 2)) AS ?rank)
                } ORDER BY ?node ?rank ?label""");
        pss.setValues("nodes", nodes);
        pss.setLiteral("lang", language);
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            rows.forEachRemaining(row -> labels.putIfAbsent(
                    row.get("node").getURI(), row.get("label").getLiteralLexicalForm()));
            return null;
        });
        return labels;
    }
}
