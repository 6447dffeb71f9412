package org.physicsofai.atlas.trace;

import java.util.Set;

/**
 * What to trace.
 *
 * @param from the IRI the paths start at
 * @param to the IRI the paths end at
 * @param k how many paths at most, 1 to {@value #MAX_K}
 * @param maxHops the longest path, 1 to {@value #MAX_HOPS} hops
 * @param linkTypes the links paths may use (IRIs of traversable links); empty for all
 * @param nodeTypes classes that every node between the ends must have one of; empty for any
 */
public record TraceRequest(String from, String to, int k, int maxHops, Set<String> linkTypes, Set<String> nodeTypes) {

    public static final int DEFAULT_K = 5;
    public static final int MAX_K = 20;
    public static final int DEFAULT_MAX_HOPS = 6;
    public static final int MAX_HOPS = 10;

    public TraceRequest {
        from = Requests.iri("from", from);
        to = Requests.iri("to", to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("to: a trace needs two different nodes, but from and to are both " + to);
        }
        Requests.within("k", k, 1, MAX_K);
        Requests.within("maxHops", maxHops, 1, MAX_HOPS);
        linkTypes = Requests.linkTypes(linkTypes);
        nodeTypes = Requests.nodeTypes(nodeTypes);
    }

    /** The default trace: five paths of at most six hops over every link. */
    public static TraceRequest between(String from, String to) {
        return new TraceRequest(from, to, DEFAULT_K, DEFAULT_MAX_HOPS, Set.of(), Set.of());
    }
}
