package org.physicsofai.atlas.store.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.TestGraphs;

/** The Fuseki configuration that docs/scaling.md tells operators to use serves the Atlas as it needs. */
class DocumentedFusekiConfigurationTest {

    private static final Path CONFIGURATION = Path.of("..", "docs", "fuseki", "atlas.ttl");

    @Test
    void theDocumentedConfigurationKeepsAcceptedKnowledgeInARealDefaultGraph(@TempDir Path directory) {
        Model config = RDFDataMgr.loadModel(CONFIGURATION.toString());
        Property location = config.createProperty("http://jena.apache.org/2016/tdb#location");
        Resource dataset = config.listSubjectsWithProperty(location).next();
        dataset.removeAll(location)
                .addProperty(location, directory.resolve("atlas-db").toString());
        FusekiServer server =
                FusekiServer.create().port(0).parseConfig(config).build().start();
        try (KnowledgeStore store = new RemoteSparqlKnowledgeStore(
                RemoteSparqlEndpoints.fuseki("http://localhost:" + server.getHttpPort() + "/atlas", null, null),
                AtlasOntology.ID_BASE)) {
            AgentRef alice = new AgentRef(TestGraphs.id("agent/alice"), "Alice");
            store.submit(new NewContribution(
                    TestGraphs.turtle("<phenomenon/grokking> a atlas:Phenomenon ."),
                    ContributionMethod.MANUAL,
                    alice,
                    null,
                    null,
                    null,
                    List.of(),
                    true));
            store.submit(new NewContribution(
                    TestGraphs.turtle("<phenomenon/slingshot> a atlas:Phenomenon ."),
                    ContributionMethod.MANUAL,
                    alice,
                    null,
                    null,
                    null,
                    List.of(),
                    false));

            assertThat(ask(store, "ASK { <https://w3id.org/physics-of-ai/id/phenomenon/grokking> a ?t }"))
                    .isTrue();
            assertThat(ask(store, "ASK { <https://w3id.org/physics-of-ai/id/phenomenon/slingshot> a ?t }"))
                    .as("a pending contribution must not read as knowledge")
                    .isFalse();
        } finally {
            server.stop();
        }
    }

    private static boolean ask(KnowledgeStore store, String query) {
        return store.query(QueryFactory.create(query), Duration.ofSeconds(10), exec -> exec.ask());
    }
}
