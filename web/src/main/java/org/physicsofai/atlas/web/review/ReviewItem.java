package org.physicsofai.atlas.web.review;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.exec.RowSet;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.review.ContributionView.Line;

/**
 * One page of a contribution as the review queue shows it: what it adds and what accepting it would
 * withdraw (as in {@link ContributionView}), at most {@code size} lines of each from {@code from} on,
 * with the totals, so that a contribution of any size is reviewed page by page. The lines are read by
 * queries over the store, a page at a time, so that no page holds the whole contribution.
 *
 * @param addedTriples the statements of {@code added}, for showing them grouped by node
 * @param from the index of the first line of this page (0 for the first page)
 * @param size the most lines of each kind on one page
 */
public record ReviewItem(
        ContributionRecord record,
        List<Line> added,
        List<Line> withdrawn,
        List<Triple> addedTriples,
        long addedTotal,
        long withdrawnTotal,
        long from,
        int size) {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The statements of a contribution that supersedes none: all of them. */
    private static final String ALL = """
            SELECT ?s ?p ?o { GRAPH ?c { ?s ?p ?o } }""";

    private static final String ADDED = """
            SELECT ?s ?p ?o {
              GRAPH ?c { ?s ?p ?o }
              FILTER NOT EXISTS { GRAPH ?provenance { ?c ?supersedes ?old } GRAPH ?old { ?s ?p ?o } }
            }""";

    private static final String WITHDRAWN = """
            SELECT DISTINCT ?s ?p ?o {
              GRAPH ?provenance { ?c ?supersedes ?old }
              GRAPH ?old { ?s ?p ?o }
              FILTER NOT EXISTS { GRAPH ?c { ?s ?p ?o } }
            }""";

    public static ReviewItem of(KnowledgeStore store, ContributionRecord record, long from, int size) {
        long start = Math.max(0, from);
        if (record.supersedes().isEmpty()) {
            List<Triple> added = triples(store, record, ALL, start, size);
            return new ReviewItem(record, lines(added), List.of(), added, record.tripleCount(), 0, start, size);
        }
        List<Triple> added = triples(store, record, ADDED, start, size);
        return new ReviewItem(
                record,
                lines(added),
                lines(triples(store, record, WITHDRAWN, start, size)),
                added,
                count(store, record, ADDED),
                count(store, record, WITHDRAWN),
                start,
                size);
    }

    /** Whether a later page has more lines. */
    public boolean hasNext() {
        return from + size < Math.max(addedTotal, withdrawnTotal);
    }

    public boolean hasPrevious() {
        return from > 0;
    }

    public long next() {
        return from + size;
    }

    public long previous() {
        return Math.max(0, from - size);
    }

    /** The number of the last line shown of the longer list (for "lines 1 to 50 of 400,000"). */
    public long to() {
        return Math.min(from + size, Math.max(addedTotal, withdrawnTotal));
    }

    private static List<Triple> triples(
            KnowledgeStore store, ContributionRecord record, String select, long from, int size) {
        // No ORDER BY: sorting every statement of a large contribution for each page is what made review pages slow.
        // The store hands out a contribution's statements in the same order each time (TDB2 reads them from one
        // index, in its key order), so the pages follow one another; each page is sorted for reading.
        ParameterizedSparqlString pss = bound(select + " OFFSET " + from + " LIMIT " + size, record);
        List<Triple> triples = new ArrayList<>();
        store.query(pss.asQuery(), TIMEOUT, exec -> {
            exec.select().forEachRemaining(row -> triples.add(Triple.create(row.get("s"), row.get("p"), row.get("o"))));
            return null;
        });
        return List.copyOf(triples);
    }

    private static List<Line> lines(List<Triple> triples) {
        List<Line> lines = new ArrayList<>();
        triples.forEach(t -> lines.add(ContributionView.line(t)));
        return ContributionView.sorted(lines);
    }

    private static long count(KnowledgeStore store, ContributionRecord record, String select) {
        ParameterizedSparqlString pss = bound("SELECT (COUNT(*) AS ?n) { " + select + " }", record);
        return store.query(pss.asQuery(), TIMEOUT, exec -> {
            RowSet rows = exec.select();
            return rows.hasNext() ? ((Number) rows.next().get("n").getLiteralValue()).longValue() : 0L;
        });
    }

    private static ParameterizedSparqlString bound(String query, ContributionRecord record) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(query);
        pss.setIri("c", record.iri());
        pss.setIri("provenance", KnowledgeStore.PROVENANCE_GRAPH);
        pss.setIri("supersedes", Atlas.supersedes.getURI());
        return pss;
    }
}
