package org.physicsofai.atlas.trace;

import java.util.List;
import org.physicsofai.atlas.entity.Provenance;

/**
 * The answer to a {@link NeighbourhoodRequest}.
 *
 * @param nodes the centre first, then by distance and IRI
 * @param links every followed link between two of the nodes, by subject, predicate and object
 * @param truncated whether nodes within reach were left out by {@link NeighbourhoodRequest#maxNodes()}
 */
public record Neighbourhood(NeighbourhoodRequest request, List<Node> nodes, List<Link> links, boolean truncated) {

    public Neighbourhood {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    /** A node at a distance (in hops) from the centre. */
    public record Node(String iri, int distance, List<String> types) {

        public Node {
            types = List.copyOf(types);
        }
    }

    /** A statement between two nodes of the neighbourhood. */
    public record Link(String subject, String predicate, String object, Stance stance, List<Provenance> provenance) {

        public Link {
            provenance = List.copyOf(provenance);
        }
    }
}
