package org.physicsofai.atlas.entity;

import java.time.Instant;

/**
 * One contribution that touched an entity, whatever its status.
 *
 * @param reviewedAt when its status last changed, or {@code null}
 * @param reason why it was rejected, retracted or superseded, or {@code null}
 */
public record HistoryEntry(
        String contribution,
        String method,
        String agent,
        Instant created,
        String status,
        Instant reviewedAt,
        String reason,
        long statements) {}
