package org.physicsofai.atlas.sparql;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one public query.
 *
 * @param timeout the whole query, results included, must finish within this
 * @param maxRows at most this many result rows (SELECT) or statements (CONSTRUCT, DESCRIBE)
 */
public record SparqlLimits(Duration timeout, int maxRows) {

    public SparqlLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The SPARQL timeout must be positive");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("The SPARQL row cap must be at least 1");
        }
    }
}
