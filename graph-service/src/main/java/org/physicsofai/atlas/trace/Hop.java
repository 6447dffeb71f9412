package org.physicsofai.atlas.trace;

import java.util.List;
import org.physicsofai.atlas.entity.Provenance;

/**
 * One hop of a path, reported as the statement it uses, in its true direction.
 *
 * @param from the statement's subject
 * @param predicate the link
 * @param to the statement's object
 * @param direction {@link Direction#FORWARD} if the path walks from subject to object, {@link
 *     Direction#BACKWARD} if it walks from object to subject
 * @param stance the stance of an evidence link, or {@code null} for a structure link
 * @param sources how many independent sources the subject cites (see {@code docs/tracing.md})
 * @param provenance the accepted contributions that assert the statement, oldest first
 */
public record Hop(
        String from,
        String predicate,
        String to,
        Direction direction,
        Stance stance,
        int sources,
        List<Provenance> provenance) {

    public Hop {
        provenance = List.copyOf(provenance);
    }

    /** The node the path walks from. */
    public String walkedFrom() {
        return direction == Direction.FORWARD ? from : to;
    }

    /** The node the path walks to. */
    public String walkedTo() {
        return direction == Direction.FORWARD ? to : from;
    }
}
