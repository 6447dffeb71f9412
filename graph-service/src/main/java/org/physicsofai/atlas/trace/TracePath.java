package org.physicsofai.atlas.trace;

import java.util.List;

/**
 * One path of a trace.
 *
 * @param nodes the nodes in walking order, from the trace's start to its end
 * @param hops one per link, in walking order
 */
public record TracePath(List<String> nodes, List<Hop> hops) {

    public TracePath {
        nodes = List.copyOf(nodes);
        hops = List.copyOf(hops);
        if (nodes.size() != hops.size() + 1) {
            throw new IllegalArgumentException(
                    "A path of " + hops.size() + " hops has " + (hops.size() + 1) + " nodes");
        }
    }

    public int length() {
        return hops.size();
    }
}
