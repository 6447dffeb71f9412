package org.physicsofai.atlas.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.mirror.MirrorFixture.CAROL;
import static org.physicsofai.atlas.mirror.MirrorFixture.submit;
import static org.physicsofai.atlas.store.TestGraphs.id;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/** The mirror against a real Neo4j in-process: what it projects, and that it follows every change. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Neo4jMirrorTest {

    private Neo4j neo4j;
    private Driver reader;

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private Neo4jMirror mirror;

    @BeforeAll
    void startNeo4j() {
        neo4j = Neo4jServer.start();
        reader = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
    }

    @AfterAll
    void stopNeo4j() {
        reader.close();
        neo4j.close();
    }

    @BeforeEach
    void openStoreAndMirror() {
        try (Session session = reader.session()) {
            session.executeWrite(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
        }
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
        mirror = new Neo4jMirror(store, neo4j.boltURI().toString(), "neo4j", "unused");
    }

    @AfterEach
    void close() {
        mirror.close();
        store.close();
    }

    private List<Record> cypher(String query, Map<String, Object> parameters) {
        try (Session session = reader.session()) {
            return session.executeRead(tx -> tx.run(query, parameters).list());
        }
    }

    private long one(String query, Map<String, Object> parameters) {
        return cypher(query, parameters).getFirst().get(0).asLong();
    }

    private long duplicates() {
        return one("""
                MATCH (a)-[r]->(b) WITH a, b, r.predicate AS p, r.contribution AS c, count(*) AS n
                WHERE n > 1 RETURN count(*)""", Map.of());
    }

    @Test
    void theSeedGraphIsProjectedAsTheStoreHoldsIt() {
        MirrorFixture.loadSeed(store);

        mirror.drain();

        Map<String, Long> counts = mirror.counts();
        assertThat(counts.get("nodes"))
                .isEqualTo(MirrorFixture.expectedNodes(store))
                .isGreaterThan(100);
        assertThat(counts.get("relationships"))
                .isEqualTo(MirrorFixture.expectedRelationships(store))
                .isGreaterThan(100);
        assertThat(counts.get("contributions")).isEqualTo(2);
        assertThat(duplicates()).isZero();
        String claim = id("claim/moisescu2025-equivalent-manifolds");
        Record node = cypher("MATCH (n:Resource {iri: $iri}) RETURN n, labels(n) AS labels", Map.of("iri", claim))
                .getFirst();
        assertThat(node.get("labels").asList(v -> v.asString())).containsExactlyInAnyOrder("Resource", "Claim");
        assertThat(node.get("n").get("statement_en").asString())
                .startsWith("Uniform-attention and trainable-attention networks");
        assertThat(node.get("n").get("types").asList(v -> v.asString())).containsExactly(Atlas.Claim.getURI());
        Record link = cypher("""
                        MATCH (:Resource {iri: $from})-[r:disputes]->(b:Resource) RETURN r, b.iri AS to""", Map.of("from", claim)).getFirst();
        assertThat(link.get("to").asString()).isEqualTo(id("claim/zhong2023-clock-and-pizza"));
        assertThat(link.get("r").get("stance").asString()).isEqualTo("disputes");
        assertThat(link.get("r").get("predicate").asString()).isEqualTo(Atlas.disputes.getURI());
        assertThat(link.get("r").get("contribution").asString()).startsWith(AtlasOntology.ID_BASE + "contribution/");
        assertThat(link.get("r").get("contributor").isNull()).isFalse();
        assertThat(link.get("r").get("created").asString()).isNotBlank();
        assertThat(one("MATCH (:Resource {iri: $iri})-[r:about]->() RETURN count(r)", Map.of("iri", claim)))
                .isEqualTo(1);
        assertThat(one(
                        "MATCH (:Resource {iri: $iri})-[r:about]->() WHERE r.stance IS NOT NULL RETURN count(r)",
                        Map.of("iri", claim)))
                .isZero();
    }

    @Test
    void aRetractionRemovesWhatOnlyTheRetractedContributionAsserted() {
        ContributionRecord first = submit(
                store,
                "<claim/a> a atlas:Claim ; skos:prefLabel \"a\"@en ; atlas:supports <claim/b> ."
                        + " <claim/x> atlas:about <claim/a> .",
                true);
        ContributionRecord second = submit(store, "<claim/a> atlas:supports <claim/b> . <claim/b> a atlas:Law .", true);
        mirror.drain();
        assertThat(one("MATCH (:Resource {iri: $a})-[r:supports]->() RETURN count(r)", Map.of("a", id("claim/a"))))
                .isEqualTo(2);

        store.retract(first.iri(), CAROL, "wrong");
        mirror.drain();

        assertThat(cypher(
                        "MATCH (:Resource {iri: $a})-[r:supports]->() RETURN r.contribution AS c",
                        Map.of("a", id("claim/a"))))
                .extracting(r -> r.get("c").asString())
                .containsExactly(second.iri());
        assertThat(one("MATCH (n:Resource {iri: $x}) RETURN count(n)", Map.of("x", id("claim/x"))))
                .isZero();
        Record a = cypher("MATCH (n:Resource {iri: $a}) RETURN n, labels(n) AS labels", Map.of("a", id("claim/a")))
                .getFirst();
        assertThat(a.get("labels").asList(v -> v.asString())).containsExactly("Resource");
        assertThat(a.get("n").get("prefLabel_en").isNull()).isTrue();
        assertThat(cypher("MATCH (n:Law) RETURN n.iri AS iri", Map.of()))
                .extracting(r -> r.get("iri").asString())
                .containsExactly(id("claim/b"));
        assertThat(mirror.counts().get("contributions")).isEqualTo(1);
        assertThat(mirror.counts().get("relationships")).isEqualTo(MirrorFixture.expectedRelationships(store));
        assertThat(mirror.counts().get("nodes")).isEqualTo(MirrorFixture.expectedNodes(store));
    }

    @Test
    void applyingChangesAgainChangesNothing() {
        submit(store, "<claim/c> a atlas:Claim ; atlas:statement \"c\"@en ; atlas:disputes <claim/b> .", true);
        submit(store, "<claim/c> atlas:about <phenomenon/p> . <phenomenon/p> a atlas:Phenomenon .", true);
        ContributionRecord extra = submit(store, "<claim/a> atlas:supports <claim/b> .", true);
        List<?> entries = store.pendingChanges(100);
        mirror.drain();
        Map<String, Long> once = mirror.counts();

        mirror.resync();
        Mirror.ResyncReport report = mirror.resync();

        assertThat(entries).hasSize(3);
        assertThat(mirror.counts()).isEqualTo(once);
        assertThat(report.contributions()).isEqualTo(3);
        assertThat(report.relationships()).isEqualTo(once.get("relationships"));
        assertThat(duplicates()).isZero();
        assertThat(cypher(
                        "MATCH ()-[r:supports {contribution: $c}]->() RETURN count(r) AS n", Map.of("c", extra.iri())))
                .extracting(r -> r.get("n").asLong())
                .containsExactly(1L);
    }

    @Test
    void theWorkerFollowsCommitsAndReportsNoLagOnceDrained() {
        mirror.start();
        ContributionRecord pending = submit(store, "<claim/c> atlas:explains <claim/d> .", false);
        submit(store, "<claim/a> atlas:supports <claim/b> .", true);
        store.accept(pending.iri(), CAROL, "checked");

        MirrorFixture.settle(store, Duration.ofMinutes(10));

        assertThat(one("MATCH ()-[r:explains]->() RETURN count(r)", Map.of())).isEqualTo(1);
        assertThat(one("MATCH ()-[r:supports]->() RETURN count(r)", Map.of())).isEqualTo(1);
        MirrorStatus status = mirror.status();
        assertThat(status.pending()).isZero();
        assertThat(status.lag()).isEqualTo(Duration.ZERO);
        assertThat(status.lastSuccess()).isNotNull();
        assertThat(status.lastError()).isNull();
        assertThat(status.healthy()).isTrue();
        assertThat(status.server()).isEqualTo(neo4j.boltURI().toString());
    }

    @Test
    void contributionsAcceptedBeforeTheMirrorExistedAreCaughtUp() {
        mirror.close();
        store.close();
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
        submit(store, "<claim/early> atlas:supports <claim/b> .", true);
        mirror = new Neo4jMirror(store, neo4j.boltURI().toString(), "neo4j", "unused");

        mirror.drain();

        assertThat(store.pendingChangeCount()).isZero();
        assertThat(one("MATCH (n:Resource {iri: $e}) RETURN count(n)", Map.of("e", id("claim/early"))))
                .isEqualTo(1);
    }
}
