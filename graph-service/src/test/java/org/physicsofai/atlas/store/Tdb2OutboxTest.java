package org.physicsofai.atlas.store;

import java.nio.file.Path;
import org.physicsofai.atlas.ontology.AtlasOntology;

class Tdb2OutboxTest extends OutboxContract {

    @Override
    protected KnowledgeStore open(Path directory) {
        return new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
    }
}
