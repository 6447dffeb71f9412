package org.physicsofai.atlas.store.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.KnowledgeStoreContract;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.StoreUnavailableException;
import org.physicsofai.atlas.store.TestGraphs;

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

    private static NewContribution accepted(String body) {
        return new NewContribution(
                TestGraphs.turtle(body),
                ContributionMethod.MANUAL,
                new AgentRef(TestGraphs.id("agent/alice"), "Alice"),
                null,
                null,
                "test",
                List.of(),
                true);
    }

    @Test
    void withoutAGraphStoreEndpointContributionsAreReadByQuery() {
        RemoteSparqlEndpoints queryAndUpdateOnly = new RemoteSparqlEndpoints(
                fuseki.endpoints().queryUrl(), fuseki.endpoints().updateUrl(), null, null, null);
        Graph law = TestGraphs.turtle("<law/l> atlas:hasParameter [ atlas:symbol \"E\" ] .");

        try (KnowledgeStore remote = new RemoteSparqlKnowledgeStore(queryAndUpdateOnly, AtlasOntology.ID_BASE)) {
            String iri = remote.submit(new NewContribution(
                            law,
                            ContributionMethod.MANUAL,
                            new AgentRef(TestGraphs.id("agent/alice"), "Alice"),
                            null,
                            null,
                            null,
                            List.of(),
                            false))
                    .contribution()
                    .iri();

            assertThat(remote.assertions(iri).isIsomorphicWith(law)).isTrue();
        }
    }

    @Test
    void aServerThatCannotBeReachedIsNamedInTheError() {
        RemoteSparqlEndpoints nowhere = RemoteSparqlEndpoints.fuseki("http://localhost:1/atlas", null, null);

        assertThatThrownBy(() -> new RemoteSparqlKnowledgeStore(nowhere, AtlasOntology.ID_BASE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("http://localhost:1/atlas/query");
    }

    @Test
    void whileTheServerIsDownWritesFailClearlyAndNothingIsHalfWritten(@TempDir Path elsewhere) {
        try (FusekiTestServer server = new FusekiTestServer(elsewhere.resolve("db"));
                KnowledgeStore remote = new RemoteSparqlKnowledgeStore(server.endpoints(), AtlasOntology.ID_BASE)) {
            remote.submit(accepted("<phenomenon/grokking> a atlas:Phenomenon ."));

            server.stop();
            assertThatThrownBy(() -> remote.submit(accepted("<observable/weight-norm> a atlas:Observable .")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(server.datasetUrl());
            server.restart();

            assertThat(remote.contributions(ContributionFilter.recent(10))).hasSize(1);
            assertThat(Txn.calculateRead(
                            server.dataset(),
                            () -> server.dataset().getDefaultGraph().size()))
                    .isEqualTo(1);
            assertThat(remote.submit(accepted("<observable/weight-norm> a atlas:Observable ."))
                            .created())
                    .isTrue();
        }
    }

    @Test
    void aDatasetWhoseDefaultGraphIsTheUnionOfItsNamedGraphsIsRefused() {
        Txn.executeWrite(
                fuseki.dataset(),
                () -> fuseki.dataset()
                        .add(
                                NodeFactory.createURI(KnowledgeStore.PROVENANCE_GRAPH),
                                NodeFactory.createURI(TestGraphs.id("contribution/c")),
                                RDF.type.asNode(),
                                Atlas.Contribution.asNode()));
        Txn.executeWrite(
                fuseki.dataset(),
                () -> fuseki.dataset()
                        .add(
                                Quad.defaultGraphIRI,
                                NodeFactory.createURI(TestGraphs.id("contribution/c")),
                                RDF.type.asNode(),
                                Atlas.Contribution.asNode()));

        assertThatThrownBy(() -> new RemoteSparqlKnowledgeStore(fuseki.endpoints(), AtlasOntology.ID_BASE))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unionDefaultGraph");
    }
}
