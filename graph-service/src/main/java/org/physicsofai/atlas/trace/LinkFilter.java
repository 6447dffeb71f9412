package org.physicsofai.atlas.trace;

import java.util.BitSet;
import java.util.Collection;

/**
 * Which links and nodes a search may use: a set of link types (or all traversable links) and a set
 * of node types that intermediate nodes must have one of (or any). The ends of a trace are exempt
 * from the node types, since the researcher chose them.
 */
final class LinkFilter {

    private final BitSet predicates;
    private final BitSet classes;

    private LinkFilter(BitSet predicates, BitSet classes) {
        this.predicates = predicates;
        this.classes = classes;
    }

    static LinkFilter of(AdjacencyGraph graph, Collection<String> linkTypes, Collection<String> nodeTypes) {
        BitSet predicates = null;
        if (!linkTypes.isEmpty()) {
            predicates = new BitSet();
            for (String link : linkTypes) {
                int p = graph.knownPredicate(link);
                if (p >= 0) {
                    predicates.set(p);
                }
            }
        }
        BitSet classes = null;
        if (!nodeTypes.isEmpty()) {
            classes = new BitSet();
            for (String type : nodeTypes) {
                int c = graph.knownClass(type);
                if (c >= 0) {
                    classes.set(c);
                }
            }
        }
        return new LinkFilter(predicates, classes);
    }

    boolean allowsLink(int predicate) {
        return predicates == null || predicates.get(predicate);
    }

    boolean allowsNode(AdjacencyGraph graph, int node) {
        if (classes == null) {
            return true;
        }
        for (int t : graph.types(node)) {
            if (classes.get(t)) {
                return true;
            }
        }
        return false;
    }
}
