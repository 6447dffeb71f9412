package org.physicsofai.atlas.sparql;

import org.apache.jena.query.QueryCancelledException;

/**
 * Ends a query that would need more memory than one query may use. It is a {@link QueryCancelledException}
 * so that ARQ lets it through filters and aggregates, which turn other failures into "no value", and
 * stops the query as its timeout would.
 */
final class QueryTooCostlyException extends QueryCancelledException {

    private final String message;

    QueryTooCostlyException(String message) {
        this.message = message;
    }

    @Override
    public String getMessage() {
        return message;
    }
}
