package org.physicsofai.atlas.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.mirror.MirrorFixture.CAROL;
import static org.physicsofai.atlas.mirror.MirrorFixture.submit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * Neo4j stopped in the middle of a run: submissions keep succeeding while the backlog grows, and when a
 * server answers on the same address again the mirror catches up, with nothing lost or duplicated.
 */
class Neo4jMirrorOutageTest {

    @TempDir
    Path directory;

    @Test
    void submissionsGoOnWhileNeo4jIsDownAndTheBacklogDrainsWhenItReturns() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Neo4j first = Neo4jServer.start(port);
        boolean[] stopped = {false};
        String uri = first.boltURI().toString();
        List<ContributionRecord> accepted = new ArrayList<>();
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
                Neo4jMirror mirror = new Neo4jMirror(store, uri, "neo4j", "")) {
            mirror.start();
            for (int i = 0; i < 5; i++) {
                accepted.add(submit(store, "<claim/before" + i + "> atlas:supports <claim/goal> .", true));
            }
            MirrorFixture.settle(store, Duration.ofMinutes(10));
            assertThat(mirror.status().lastSuccess()).isNotNull();

            first.close();
            stopped[0] = true;
            for (int i = 0; i < 20; i++) {
                accepted.add(submit(store, "<claim/during" + i + "> atlas:supports <claim/goal> .", true));
            }
            ContributionRecord withdrawn = accepted.remove(0);
            store.retract(withdrawn.iri(), CAROL, "wrong");
            waitFor(() -> mirror.status().failures() > 0, Duration.ofMinutes(10));

            MirrorStatus down = mirror.status();
            assertThat(down.pending()).isEqualTo(21);
            assertThat(down.lastError()).isNotBlank();
            assertThat(down.lastErrorAt()).isNotNull();
            assertThat(down.oldestPending()).isNotNull();
            assertThat(down.healthy()).isFalse();

            try (Neo4j second = Neo4jServer.start(port);
                    Driver reader = GraphDatabase.driver(second.boltURI(), AuthTokens.none())) {
                MirrorFixture.settle(store, Duration.ofMinutes(10));
                waitFor(() -> mirror.status().healthy(), Duration.ofMinutes(5));

                try (Session session = reader.session()) {
                    List<String> contributions = session.executeRead(tx -> tx.run(
                                    "MATCH ()-[r:supports]->(:Resource {iri: $goal}) RETURN r.contribution AS c",
                                    Map.of("goal", org.physicsofai.atlas.store.TestGraphs.id("claim/goal")))
                            .list(r -> r.get("c").asString()));
                    assertThat(contributions)
                            .containsExactlyInAnyOrderElementsOf(accepted.stream()
                                    .map(ContributionRecord::iri)
                                    .toList())
                            .doesNotContain(withdrawn.iri())
                            .doesNotHaveDuplicates();
                }
                assertThat(mirror.counts())
                        .containsEntry("relationships", 24L)
                        .containsEntry("nodes", MirrorFixture.expectedNodes(store))
                        .containsEntry("contributions", 24L);
                assertThat(mirror.status().pending()).isZero();
                assertThat(mirror.status().lastError()).isNull();
            }
        } finally {
            if (!stopped[0]) {
                first.close();
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not reached within " + atMost);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
