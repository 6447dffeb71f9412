package org.physicsofai.atlas.store;

import java.util.Objects;
import org.physicsofai.atlas.ontology.AtlasOntology;

/** Who made or reviewed a contribution: an IRI and the name shown in provenance. */
public record AgentRef(String iri, String name) {

    /** The curators of the Atlas itself, to whom the seed knowledge is attributed. */
    public static final AgentRef CURATORS =
            new AgentRef(AtlasOntology.ID_BASE + "agent/atlas-curators", "Atlas curators");

    public AgentRef {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("An agent needs a name");
        }
    }
}
