package org.physicsofai.atlas.store;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.jena.query.ParameterizedSparqlString;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * Helpers for queries that look for current contributions (pending or accepted, as {@link
 * KnowledgeStore#current} means) through the pattern
 *
 * <pre>
 * GRAPH ?provenance { ?g ?status ?state }
 * FILTER (?state IN (?accepted, ?pending))</pre>
 */
public final class CurrentContributions {

    private CurrentContributions() {}

    /** Binds {@code ?provenance}, {@code ?status}, {@code ?accepted} and {@code ?pending} of the pattern. */
    public static ParameterizedSparqlString bind(ParameterizedSparqlString query) {
        query.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        query.setIri("status", Atlas.status.getURI());
        query.setIri("accepted", Atlas.accepted.getURI());
        query.setIri("pending", Atlas.pending.getURI());
        return query;
    }

    /** The IRIs the bound query selects as {@code ?g}, each once, in the order found. */
    public static List<String> graphs(KnowledgeStore store, ParameterizedSparqlString query, Duration timeout) {
        Set<String> found = new LinkedHashSet<>();
        store.query(bind(query).asQuery(), timeout, exec -> {
            exec.select().forEachRemaining(row -> found.add(row.get("g").getURI()));
            return null;
        });
        return List.copyOf(found);
    }
}
