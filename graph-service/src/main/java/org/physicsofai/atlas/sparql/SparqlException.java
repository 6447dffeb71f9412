package org.physicsofai.atlas.sparql;

import java.time.Duration;
import java.util.Optional;

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
        TOO_COSTLY,
        /** As many queries as the endpoint runs at once were running; this one was not started. */
        BUSY
    }

    private final Kind kind;
    private final Duration retryAfter;

    public SparqlException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** @param retryAfter when the client may try again, or null when trying again would not help */
    public SparqlException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** When the client may try again ({@code Retry-After}), if trying again may help. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
