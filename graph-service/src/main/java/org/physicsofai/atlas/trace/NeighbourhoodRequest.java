package org.physicsofai.atlas.trace;

import java.util.Set;

/**
 * The nodes around one node.
 *
 * @param node the centre
 * @param hops how far, 1 to {@value #MAX_HOPS}
 * @param linkTypes the links to follow (IRIs of traversable links); empty for all
 * @param nodeTypes classes that every node but the centre must have one of; empty for any
 * @param maxNodes at most this many nodes, the centre included, 1 to {@value #MAX_NODES}
 */
public record NeighbourhoodRequest(String node, int hops, Set<String> linkTypes, Set<String> nodeTypes, int maxNodes) {

    public static final int DEFAULT_HOPS = 2;
    public static final int MAX_HOPS = 4;
    public static final int DEFAULT_MAX_NODES = 150;
    public static final int MAX_NODES = 2000;

    public NeighbourhoodRequest {
        node = Requests.iri("node", node);
        Requests.within("hops", hops, 1, MAX_HOPS);
        linkTypes = Requests.linkTypes(linkTypes);
        nodeTypes = Requests.nodeTypes(nodeTypes);
        Requests.within("maxNodes", maxNodes, 1, MAX_NODES);
    }

    public static NeighbourhoodRequest of(String node, int hops) {
        return new NeighbourhoodRequest(node, hops, Set.of(), Set.of(), DEFAULT_MAX_NODES);
    }
}
