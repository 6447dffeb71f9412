package org.physicsofai.atlas.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.physicsofai.atlas.mirror.MirrorFixture.submit;
import static org.physicsofai.atlas.store.TestGraphs.id;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.harness.Neo4j;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.EvidenceTracer;
import org.physicsofai.atlas.trace.EvidenceTracerContract;
import org.physicsofai.atlas.trace.TraceRequest;

/**
 * The evidence tracer over a real Neo4j in-process, every store of the contract mirrored into it through
 * the real {@link Neo4jMirror}, side by side in namespaces of its one database.
 */
class Neo4jEvidenceTracerTest extends EvidenceTracerContract {

    private Neo4j neo4j;
    private int namespaces;
    private final Map<EvidenceTracer, Neo4jMirror> mirrors = new IdentityHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @TempDir
    Path own;

    /** Started on first use: the contract's {@code @BeforeAll} already asks for tracers. */
    private String uri() {
        if (neo4j == null) {
            neo4j = Neo4jServer.start();
        }
        return neo4j.boltURI().toString();
    }

    @Override
    protected EvidenceTracer tracer(KnowledgeStore store) {
        String namespace = "store" + ++namespaces;
        Neo4jMirror mirror = new Neo4jMirror(store, uri(), "neo4j", "", namespace);
        mirror.drain();
        Neo4jEvidenceTracer tracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", namespace);
        mirrors.put(tracer, mirror);
        closing.add(tracer);
        closing.add(mirror);
        return tracer;
    }

    @Override
    protected void settle(EvidenceTracer tracer) {
        mirrors.get(tracer).drain();
    }

    @AfterAll
    void stopNeo4j() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        if (neo4j != null) {
            neo4j.close();
        }
    }

    @Test
    void aMirrorInTheDefaultNamespaceAndOneInAnotherKeepApart() {
        try (KnowledgeStore first = new Tdb2KnowledgeStore(own.resolve("first"), AtlasOntology.ID_BASE);
                KnowledgeStore second = new Tdb2KnowledgeStore(own.resolve("second"), AtlasOntology.ID_BASE);
                Neo4jMirror plain = new Neo4jMirror(first, uri(), "neo4j", "");
                Neo4jMirror other = new Neo4jMirror(second, uri(), "neo4j", "", "other");
                Neo4jEvidenceTracer plainTracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", "");
                Neo4jEvidenceTracer otherTracer = new Neo4jEvidenceTracer(uri(), "neo4j", "", "other")) {
            submit(first, "<claim/p> atlas:supports <claim/q> .", true);
            submit(second, "<claim/p> atlas:disputes <claim/q> . <claim/q> atlas:about <claim/r> .", true);
            plain.drain();
            other.drain();

            assertThat(plainTracer
                            .trace(TraceRequest.between(id("claim/p"), id("claim/q")))
                            .paths())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hops().getFirst().predicate()).endsWith("#supports"));
            assertThat(otherTracer
                            .trace(TraceRequest.between(id("claim/p"), id("claim/q")))
                            .paths())
                    .singleElement()
                    .satisfies(p -> assertThat(p.hops().getFirst().predicate()).endsWith("#disputes"));
            assertThat(plainTracer.knows(id("claim/r"))).isFalse();
            assertThat(otherTracer.knows(id("claim/r"))).isTrue();
            assertThat(plain.counts()).containsEntry("nodes", 2L).containsEntry("relationships", 1L);
            assertThat(other.counts()).containsEntry("nodes", 3L).containsEntry("relationships", 2L);
        }
    }
}
