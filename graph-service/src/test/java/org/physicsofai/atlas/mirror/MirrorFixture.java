package org.physicsofai.atlas.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.jena.query.QueryFactory;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.contribution.SeedLoader;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.TestGraphs;

/** Stores and expectations shared by the mirror's tests. */
final class MirrorFixture {

    static final AgentRef ALICE = new AgentRef(TestGraphs.id("agent/alice"), "Alice");
    static final AgentRef CAROL = new AgentRef(TestGraphs.id("agent/carol"), "Carol");
    private static final Path SEED = Path.of("..", "seed-data", "knowledge");

    private MirrorFixture() {}

    static ContributionRecord submit(KnowledgeStore store, String turtle, boolean accept) {
        return store.submit(new NewContribution(
                        TestGraphs.turtle(turtle),
                        ContributionMethod.MANUAL,
                        ALICE,
                        null,
                        null,
                        "test",
                        List.of(),
                        accept))
                .contribution();
    }

    static void loadSeed(KnowledgeStore store) {
        SeedLoader loader = new SeedLoader(store, new ContributionService(store), "test");
        loader.loadOntology();
        loader.load(SeedLoader.SEED_DATA, seedFiles());
    }

    private static Map<String, byte[]> seedFiles() {
        try (Stream<Path> files = Files.list(SEED)) {
            Map<String, byte[]> result = new LinkedHashMap<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".ttl")).sorted().toList()) {
                result.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many relationships the mirror must hold: one per accepted contribution asserting a link. */
    static long expectedRelationships(KnowledgeStore store) {
        return count(store, """
                SELECT (COUNT(*) AS ?n) WHERE {
                  GRAPH <%s> { ?g <https://w3id.org/physics-of-ai/atlas#status> <https://w3id.org/physics-of-ai/atlas#accepted> }
                  GRAPH ?g { ?s ?p ?o }
                  FILTER(isIRI(?s) && isIRI(?o) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>)
                  FILTER(REGEX(REPLACE(STR(?p), "^.*[/#]", ""), "^[A-Za-z][A-Za-z0-9_]{0,63}$"))
                }""".formatted(KnowledgeStore.PROVENANCE_GRAPH));
    }

    /** How many nodes the mirror must hold: every IRI subject, and every IRI object of a link. */
    static long expectedNodes(KnowledgeStore store) {
        return count(store, """
                SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
                  { ?x ?p ?o FILTER(isIRI(?x)) }
                  UNION
                  { ?s ?p ?x FILTER(isIRI(?s) && isIRI(?x) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }
                }""");
    }

    private static long count(KnowledgeStore store, String query) {
        return store.query(
                QueryFactory.create(query),
                Duration.ofMinutes(1),
                exec -> Long.parseLong(exec.select().next().get("n").getLiteralLexicalForm()));
    }

    /** Waits until the mirror's worker has applied every outbox entry. */
    static void settle(KnowledgeStore store, Duration atMost) {
        Instant deadline = Instant.now().plus(atMost);
        while (store.pendingChangeCount() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The mirror did not drain the outbox within " + atMost);
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
