package org.physicsofai.atlas.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to accepted knowledge that a mirror has not acknowledged yet, written by the store in the same
 * transaction as the change (see {@link KnowledgeStore#pendingChanges}).
 *
 * @param sequence the entry's place in commit order, increasing from 1
 * @param contribution the contribution that became accepted or stopped being accepted
 * @param added {@code true} if it became accepted, {@code false} if it stopped being accepted
 * @param at when the change was committed
 */
public record OutboxEntry(long sequence, String contribution, boolean added, Instant at) {

    public OutboxEntry {
        Objects.requireNonNull(contribution, "contribution");
        Objects.requireNonNull(at, "at");
    }
}
