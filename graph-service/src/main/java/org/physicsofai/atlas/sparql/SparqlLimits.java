package org.physicsofai.atlas.sparql;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one public query.
 *
 * @param timeout the whole query, results included, must finish within this
 * @param maxRows at most this many result rows (SELECT) or statements (CONSTRUCT, DESCRIBE)
 * @param maxStringLength no string the query computes may be longer than this many characters
 * @param maxResultChars the answer, counted as the characters of its values, may not be larger than this
 * @param maxHeldRows no {@code ORDER BY}, {@code GROUP BY} or {@code DISTINCT} may hold more rows than this
 */
public record SparqlLimits(Duration timeout, int maxRows, int maxStringLength, long maxResultChars, long maxHeldRows) {

    /** One mebi-character: far above any label or statement of the knowledge, far below the heap. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;

    /** Sixteen mebi-characters, at most 32 MB of answer held in memory per query. */
    public static final long DEFAULT_MAX_RESULT_CHARS = 1L << 24;

    /** Several times the statements of the knowledge; some tens of megabytes of rows per query. */
    public static final long DEFAULT_MAX_HELD_ROWS = 200_000;

    public SparqlLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The SPARQL timeout must be positive");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("The SPARQL row cap must be at least 1");
        }
        if (maxStringLength < 1) {
            throw new IllegalArgumentException("The SPARQL string length cap must be at least 1");
        }
        if (maxResultChars < 1) {
            throw new IllegalArgumentException("The SPARQL answer size cap must be at least 1");
        }
        if (maxHeldRows < 1) {
            throw new IllegalArgumentException(
                    "The SPARQL cap on rows held for sorting and grouping must be at least 1");
        }
    }

    /** The given bounds, with the default bound on the rows held for sorting, grouping and {@code DISTINCT}. */
    public SparqlLimits(Duration timeout, int maxRows, int maxStringLength, long maxResultChars) {
        this(timeout, maxRows, maxStringLength, maxResultChars, DEFAULT_MAX_HELD_ROWS);
    }

    /** The given time and row bounds, with the default memory bounds. */
    public SparqlLimits(Duration timeout, int maxRows) {
        this(timeout, maxRows, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_RESULT_CHARS, DEFAULT_MAX_HELD_ROWS);
    }
}
