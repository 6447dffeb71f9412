package org.physicsofai.atlas.web.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.mirror.Mirror;
import org.physicsofai.atlas.mirror.MirrorStatus;
import org.physicsofai.atlas.mirror.Neo4jMirror;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.ConcurrentModel;

/**
 * The panel over a real mirror whose Neo4j cannot be reached: it shows the backlog and the last error,
 * while the store goes on accepting contributions.
 */
class MirrorControllerTest {

    @TempDir
    Path directory;

    @Test
    void aMirrorThatCannotReachNeo4jShowsItsBacklogAndLastError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
                Neo4jMirror mirror = new Neo4jMirror(store, "bolt://localhost:" + port, "neo4j", "secret")) {
            mirror.start();
            store.submit(new NewContribution(
                    RDFParser.fromString(
                                    "<https://w3id.org/physics-of-ai/id/claim/a>"
                                            + " <https://w3id.org/physics-of-ai/atlas#supports>"
                                            + " <https://w3id.org/physics-of-ai/id/claim/b> .",
                                    Lang.TURTLE)
                            .toGraph(),
                    ContributionMethod.MANUAL,
                    AgentRef.CURATORS,
                    null,
                    null,
                    "test",
                    java.util.List.of(),
                    true));
            Instant deadline = Instant.now().plusSeconds(600);
            while (mirror.status().failures() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("mirror", mirror);
            MirrorController controller = new MirrorController(beans.getBeanProvider(Mirror.class));
            ConcurrentModel model = new ConcurrentModel();

            String view = controller.page(model);
            ResponseEntity<MirrorStatus> json = controller.json();

            assertThat(view).isEqualTo("mirror");
            MirrorStatus shown = (MirrorStatus) model.getAttribute("status");
            assertThat(shown.pending()).isEqualTo(1);
            assertThat(shown.failures()).isPositive();
            assertThat(shown.lastError()).isNotBlank();
            assertThat(shown.server()).isEqualTo("bolt://localhost:" + port);
            assertThat(json.getStatusCode().value()).isEqualTo(200);
            assertThat(json.getBody().pending()).isEqualTo(1);
            assertThat(json.getBody().lastSuccess()).isNull();
        }
    }
}
