package org.physicsofai.atlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The default base IRI follows the address the server answers on: an application started on a random
 * port, with no {@code atlas.base-iri}, over a data directory an earlier run on another port left
 * behind. What the start-up analysis mints resolves on this port, and what the earlier run minted still
 * resolves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"atlas.sparql.timeout=10s"})
class BaseIriTest {

    /** Where the earlier run answered, and a node it minted there. */
    private static final String OLD_BASE = "http://localhost:1/id/";

    private static final String OLD_NODE = OLD_BASE + "phenomenon/left-from-an-earlier-port";

    private static final Path DATA = earlierRun();

    @LocalServerPort
    int port;

    @Autowired
    SeedAnalysisRunner analysis;

    @Autowired
    KnowledgeStore store;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("atlas.data-dir", DATA::toString);
    }

    /** A data directory holding one accepted contribution minted under {@link #OLD_BASE}. */
    private static Path earlierRun() {
        try {
            Path directory = Files.createTempDirectory("atlas-base-iri");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                } catch (IOException e) {
                    // the operating system cleans temporary directories
                }
            }));
            Graph graph = GraphFactory.createDefaultGraph();
            graph.add(
                    NodeFactory.createURI(OLD_NODE),
                    SKOS.prefLabel.asNode(),
                    NodeFactory.createLiteralLang("left from an earlier port", "en"));
            try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), OLD_BASE)) {
                store.submit(new NewContribution(
                        graph,
                        ContributionMethod.MANUAL,
                        new AgentRef(OLD_BASE + "agent/earlier", "earlier run"),
                        null,
                        null,
                        null,
                        List.of(),
                        true));
            }
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNodeMintedAtStartUpResolvesOnThePortTheServerRunsOn() throws Exception {
        analysis.finished().get(5, TimeUnit.MINUTES);
        String base = "http://localhost:" + port + "/id/";
        String minted = get(
                        "/sparql?query="
                                + URLEncoder.encode(
                                        "SELECT ?s WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?s), \"" + base
                                                + "\")) } ORDER BY ?s LIMIT 1",
                                        StandardCharsets.UTF_8),
                        "text/csv")
                .body()
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the start-up analysis minted nothing under " + base))
                .strip();

        HttpResponse<String> resolved = get("/id/" + minted.substring(base.length()), "text/turtle");

        assertThat(resolved.statusCode()).as(minted).isEqualTo(200);
        assertThat(resolved.body()).contains(minted);
    }

    @Test
    void entitiesResolveOnTheFirstReadAfterAWrite() throws Exception {
        Graph graph = GraphFactory.createDefaultGraph();
        graph.add(
                NodeFactory.createURI("https://w3id.org/physics-of-ai/id/phenomenon/written-just-now"),
                SKOS.prefLabel.asNode(),
                NodeFactory.createLiteralLang("written just now", "en"));
        store.submit(new NewContribution(
                graph, ContributionMethod.MANUAL, AgentRef.CURATORS, null, null, null, List.of(), true));

        // the page cache is empty after the write, and the bases are read again while it computes
        HttpResponse<String> rdf = get("/id/phenomenon/written-just-now", "text/turtle");
        HttpResponse<String> page = get("/id/phenomenon/left-from-an-earlier-port", "text/html");

        assertThat(rdf.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeMintedUnderAnEarlierBaseStillResolves() throws Exception {
        HttpResponse<String> resolved = get("/id/phenomenon/left-from-an-earlier-port", "text/turtle");
        HttpResponse<String> page = get("/id/phenomenon/left-from-an-earlier-port", "text/html");

        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.body()).contains(OLD_NODE).contains("left from an earlier port");
        assertThat(page.body()).contains("left from an earlier port");
    }
}
