package org.physicsofai.atlas.store;

import java.util.Arrays;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Resource;
import org.physicsofai.atlas.ontology.Atlas;

/** The review state of a contribution. Only {@link #ACCEPTED} contributions are knowledge. */
public enum ContributionStatus {
    PENDING(Atlas.pending),
    ACCEPTED(Atlas.accepted),
    SUPERSEDED(Atlas.superseded),
    RETRACTED(Atlas.retracted);

    private final Resource term;

    ContributionStatus(Resource term) {
        this.term = term;
    }

    public Node node() {
        return term.asNode();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ContributionStatus of(Node node) {
        return Arrays.stream(values())
                .filter(s -> s.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a contribution status: " + node));
    }
}
