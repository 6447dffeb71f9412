package org.physicsofai.atlas.web.review;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.ParameterizedSparqlString;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.trace.NodeLabels;

/**
 * What a contribution is about, for lists of contributions: its main node (an experiment before its
 * runs, a run before its series, and so on) by its kind and name, and how many other nodes it describes.
 * Read from the contribution's own graph; meant for accepted contributions, whose names are public.
 *
 * @param kind the main node's kind, in the language
 * @param label the main node's name, by the one label rule
 * @param iri the main node
 * @param more how many other nodes the contribution describes
 */
public record ContributionHeadline(String kind, String label, String iri, long more) {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final List<String> ORDER = ContributionNodes.ORDER;

    /** The headline, or {@code null} for a contribution that types no node. */
    public static ContributionHeadline of(
            KnowledgeStore store, NodeLabels labels, ContributionRecord record, String language) {
        ParameterizedSparqlString pss =
                new ParameterizedSparqlString("SELECT ?s ?t { GRAPH ?c { ?s a ?t FILTER(isIRI(?s)) } } LIMIT 500");
        pss.setIri("c", record.iri());
        Map<String, Integer> ranks = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> {
                String s = row.get("s").getURI();
                String t = row.get("t").getURI();
                int rank = ORDER.indexOf(t) < 0 ? ORDER.size() : ORDER.indexOf(t);
                if (rank < ranks.getOrDefault(s, Integer.MAX_VALUE)) {
                    ranks.put(s, rank);
                    types.put(s, t);
                }
            });
            return null;
        });
        if (ranks.isEmpty()) {
            return null;
        }
        String main = ranks.entrySet().stream()
                .min(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
        return new ContributionHeadline(
                ContributionNodes.term(types.get(main), language),
                labels.of(List.of(main), language).get(main),
                main,
                ranks.size() - 1L);
    }
}
