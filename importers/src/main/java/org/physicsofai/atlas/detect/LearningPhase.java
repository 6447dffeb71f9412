package org.physicsofai.atlas.detect;

import java.util.Locale;
import org.physicsofai.atlas.ontology.AtlasOntology;

/** The four learning phases of Liu et al. (2022), each a curated phenomenon of the seed. */
public enum LearningPhase {
    COMPREHENSION,
    GROKKING,
    MEMORIZATION,
    CONFUSION;

    /** The lower-case name, as in the seed's {@code phase: grokking} events. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The curated phenomenon this phase indicates. */
    public String phenomenon() {
        return AtlasOntology.ID_BASE + "phenomenon/" + label();
    }
}
