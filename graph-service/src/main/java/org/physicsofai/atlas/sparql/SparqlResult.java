package org.physicsofai.atlas.sparql;

import org.apache.jena.graph.Graph;
import org.apache.jena.sparql.exec.RowSetRewindable;

/** The complete, materialised answer to a query, so that nothing can fail after the response starts. */
public sealed interface SparqlResult {

    /** Whether the row cap cut the answer short. */
    boolean truncated();

    /** SELECT: the rows (rewindable, so they can be written in any format). */
    record Rows(RowSetRewindable rows, boolean truncated) implements SparqlResult {}

    /** ASK. */
    record Bool(boolean value) implements SparqlResult {
        @Override
        public boolean truncated() {
            return false;
        }
    }

    /** CONSTRUCT and DESCRIBE. */
    record Triples(Graph graph, boolean truncated) implements SparqlResult {}
}
