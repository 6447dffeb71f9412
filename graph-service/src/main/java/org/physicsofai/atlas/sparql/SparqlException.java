package org.physicsofai.atlas.sparql;

/** Why a public query was not answered. The kind tells the web layer which status to send. */
public class SparqlException extends RuntimeException {

    /** What went wrong, from the client's point of view. */
    public enum Kind {
        /** The query does not parse. */
        SYNTAX,
        /** The request is an update, or asks for something the public endpoint does not do. */
        FORBIDDEN,
        /** The query calls a function or property function that this endpoint does not offer. */
        UNSUPPORTED,
        /** The query ran out of time. */
        TIMEOUT,
        /** The query needed more memory than one query may use (a string, a number or an answer too large). */
        TOO_COSTLY
    }

    private final Kind kind;

    public SparqlException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
