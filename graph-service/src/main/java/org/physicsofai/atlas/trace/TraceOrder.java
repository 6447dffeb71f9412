package org.physicsofai.atlas.trace;

import java.util.Comparator;
import org.apache.jena.graph.Triple;
import org.physicsofai.atlas.entity.Provenance;

/**
 * The orders every {@link EvidenceTracer} answers in (see {@code docs/tracing.md}), in one place so that
 * the tracers cannot drift apart: the path order, the order of the hops' provenance, of the evidence in
 * a why tree, and of a neighbourhood's links.
 *
 * <p>Path order:
 *
 * <ol>
 *   <li>fewer hops first;
 *   <li>then the smaller penalty, the sum over hops of {@value #SOURCE_WEIGHT} for each of the {@value
 *       #SOURCE_CAP} independent sources the asserting node lacks, plus 1 for a qualifying and 2 for a
 *       disputing link;
 *   <li>then hop by hop: the next node's IRI, the link's IRI, and a hop walked along the link's direction
 *       before one walked against it.
 * </ol>
 */
public final class TraceOrder {

    /** Sources beyond this many no longer make a hop stronger. */
    public static final int SOURCE_CAP = 8;

    public static final long SOURCE_WEIGHT = 1_000;

    /** The path order over whole paths, as {@link PathSearch} finds them one at a time. */
    public static final Comparator<TracePath> PATHS = TraceOrder::compare;

    /** Provenance of a statement: oldest contribution first, then by IRI. */
    public static final Comparator<Provenance> PROVENANCE =
            Comparator.comparing(Provenance::created).thenComparing(Provenance::contribution);

    /** Links of a neighbourhood: by subject, predicate and object IRI. */
    public static final Comparator<Triple> LINKS = Comparator.comparing(
                    (Triple t) -> t.getSubject().getURI())
            .thenComparing(t -> t.getPredicate().getURI())
            .thenComparing(t -> t.getObject().getURI());

    private TraceOrder() {}

    /** 0 for a supporting stance, 1 for a qualifying one, 2 for a disputing one. */
    public static int stanceRank(Stance stance) {
        return switch (stance.polarity()) {
            case SUPPORTING -> 0;
            case QUALIFYING -> 1;
            case DISPUTING -> 2;
        };
    }

    /** The stance rank of a link: that of its stance, 0 for a structure link. */
    public static int stanceRank(String predicate) {
        return TraversableLinks.stance(predicate).map(TraceOrder::stanceRank).orElse(0);
    }

    /** The penalty of a hop whose asserting node cites so many sources, over a link of that stance rank. */
    public static long penalty(int sources, int stanceRank) {
        return SOURCE_WEIGHT * (SOURCE_CAP - Math.min(SOURCE_CAP, sources)) + stanceRank;
    }

    /** The penalty of a hop. */
    public static long penalty(Hop hop) {
        return penalty(hop.sources(), stanceRank(hop.predicate()));
    }

    /** The tie-break between two hops leaving the same node: next node, then link, then forward first. */
    public static int compareHops(
            String nodeA, String predicateA, boolean forwardA, String nodeB, String predicateB, boolean forwardB) {
        if (nodeA != nodeB) {
            int c = nodeA.compareTo(nodeB);
            if (c != 0) {
                return c;
            }
        }
        if (predicateA != predicateB) {
            int c = predicateA.compareTo(predicateB);
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(!forwardA, !forwardB);
    }

    private static int compare(TracePath a, TracePath b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        long pa = a.hops().stream().mapToLong(TraceOrder::penalty).sum();
        long pb = b.hops().stream().mapToLong(TraceOrder::penalty).sum();
        if (pa != pb) {
            return Long.compare(pa, pb);
        }
        for (int i = 0; i < a.length(); i++) {
            Hop x = a.hops().get(i);
            Hop y = b.hops().get(i);
            int c = compareHops(
                    x.walkedTo(),
                    x.predicate(),
                    x.direction() == Direction.FORWARD,
                    y.walkedTo(),
                    y.predicate(),
                    y.direction() == Direction.FORWARD);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
