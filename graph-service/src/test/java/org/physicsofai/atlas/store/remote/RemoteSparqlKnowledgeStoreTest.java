package org.physicsofai.atlas.store.remote;

import java.nio.file.Path;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.KnowledgeStoreContract;

/**
 * The store contract against a real Fuseki over HTTP. One server runs for the class; each test starts on an empty
 * dataset, and reopening the adapter within a test finds the data it left.
 */
class RemoteSparqlKnowledgeStoreTest extends KnowledgeStoreContract {

    @TempDir
    static Path serverDirectory;

    private static FusekiTestServer fuseki;
    private static Path openedFor;

    @BeforeAll
    static void startFuseki() {
        fuseki = new FusekiTestServer(serverDirectory.resolve("fuseki"));
    }

    @AfterAll
    static void stopFuseki() {
        fuseki.close();
    }

    @Override
    protected KnowledgeStore open(Path directory) {
        if (!directory.equals(openedFor)) {
            Txn.executeWrite(fuseki.dataset(), () -> fuseki.dataset().clear());
            openedFor = directory;
        }
        return new RemoteSparqlKnowledgeStore(fuseki.endpoints(), AtlasOntology.ID_BASE);
    }
}
