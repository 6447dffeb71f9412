package org.physicsofai.atlas.trace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The breadth-first walk of a neighbourhood, shared by every tracer: level by level, each level's new
 * nodes in IRI order, cut at {@link NeighbourhoodRequest#maxNodes()} (the walk then stops and says it was
 * truncated).
 *
 * @param nodes the centre first, then by distance and IRI
 * @param truncated whether nodes within reach were left out
 */
public record NeighbourhoodWalk(List<Neighbourhood.Node> nodes, boolean truncated) {

    /** Reads one step of the walk. */
    @FunctionalInterface
    public interface Step {

        /**
         * The nodes one allowed link away from any node of the frontier that the request's node types
         * admit, each with its classes (sorted); the walk drops those it has already seen.
         */
        Map<String, List<String>> neighbours(List<String> frontier);
    }

    public NeighbourhoodWalk {
        nodes = List.copyOf(nodes);
    }

    /** Walks from the request's node, whose classes are given. */
    public static NeighbourhoodWalk walk(NeighbourhoodRequest request, List<String> centreTypes, Step step) {
        Set<String> seen = new HashSet<>();
        seen.add(request.node());
        List<Neighbourhood.Node> nodes = new ArrayList<>();
        nodes.add(new Neighbourhood.Node(request.node(), 0, centreTypes));
        List<String> frontier = List.of(request.node());
        for (int d = 1; d <= request.hops() && !frontier.isEmpty(); d++) {
            Map<String, List<String>> found = step.neighbours(frontier);
            List<String> next = new ArrayList<>();
            for (String v : found.keySet()) {
                if (seen.add(v)) {
                    next.add(v);
                }
            }
            next.sort(null);
            int room = request.maxNodes() - nodes.size();
            boolean cut = next.size() > room;
            if (cut) {
                next = next.subList(0, room);
            }
            for (String v : next) {
                nodes.add(new Neighbourhood.Node(v, d, found.get(v)));
            }
            if (cut) {
                return new NeighbourhoodWalk(nodes, true);
            }
            frontier = next;
        }
        return new NeighbourhoodWalk(nodes, false);
    }

    /** The IRIs of the nodes walked. */
    public Set<String> iris() {
        Set<String> iris = new HashSet<>();
        nodes.forEach(n -> iris.add(n.iri()));
        return iris;
    }
}
