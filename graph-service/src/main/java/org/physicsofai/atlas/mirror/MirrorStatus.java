package org.physicsofai.atlas.mirror;

import java.time.Duration;
import java.time.Instant;

/**
 * How far the Neo4j mirror is behind the store.
 *
 * @param server the Neo4j URI the mirror writes to
 * @param pending outbox entries not yet applied
 * @param oldestPending when the oldest of them was committed, or {@code null} if none is pending
 * @param lag how long the oldest pending entry has waited ({@link Duration#ZERO} if none)
 * @param applied contributions applied since the Atlas started
 * @param lastSuccess when Neo4j last committed a batch, or {@code null}
 * @param lastError the last failure's message, or {@code null} if the last attempt succeeded
 * @param lastErrorAt when the last failure happened, or {@code null}
 * @param failures failed attempts in a row (the worker backs off while this grows)
 */
public record MirrorStatus(
        String server,
        long pending,
        Instant oldestPending,
        Duration lag,
        long applied,
        Instant lastSuccess,
        String lastError,
        Instant lastErrorAt,
        int failures) {

    /** Whether the last attempt to write to Neo4j succeeded. */
    public boolean healthy() {
        return failures == 0;
    }

    /** The lag in whole seconds (for JSON and templates). */
    public long lagSeconds() {
        return lag.toSeconds();
    }
}
