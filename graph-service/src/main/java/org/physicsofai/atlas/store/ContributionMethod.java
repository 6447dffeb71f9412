package org.physicsofai.atlas.store;

import java.util.Arrays;
import java.util.Locale;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Resource;
import org.physicsofai.atlas.ontology.Atlas;

/** How a contribution was made. */
public enum ContributionMethod {
    MANUAL(Atlas.manual),
    IMPORT(Atlas.import_),
    DETECTOR(Atlas.detector),
    SEED(Atlas.seed);

    private final Resource term;

    ContributionMethod(Resource term) {
        this.term = term;
    }

    public Node node() {
        return term.asNode();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContributionMethod of(Node node) {
        return Arrays.stream(values())
                .filter(m -> m.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a contribution method: " + node));
    }
}
