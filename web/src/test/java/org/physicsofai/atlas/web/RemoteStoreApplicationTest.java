package org.physicsofai.atlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.account.AccountService;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The whole application with {@code atlas.store=remote}: Apache Jena Fuseki (with HTTP basic authentication) runs
 * in this JVM on a free port and holds the knowledge; the search index and series store stay in a local data
 * directory. A context of its own, closed after this class.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"atlas.store=remote", "atlas.remote.user=atlas", "atlas.sparql.timeout=5s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RemoteStoreApplicationTest {

    private static final String FUSEKI_PASSWORD = "fuseki secret";
    private static final Path DATA = temporaryDirectory("atlas-remote-web-test");
    private static final DatasetGraph DATASET =
            DatabaseMgr.connectDatasetGraph(Location.create(DATA.resolve("fuseki-db")));
    /** Requests that reached Fuseki, counted by a filter in front of it. */
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private static final FusekiServer FUSEKI = FusekiServer.create()
            .port(0)
            .loopback(true)
            .passwordFile(passwordFile().toString())
            .auth(AuthScheme.BASIC)
            .serverAuthPolicy(Auth.policyAllowSpecific("atlas"))
            .addFilter("/*", (Filter) (request, response, chain) -> {
                REQUESTS.incrementAndGet();
                chain.doFilter(request, response);
            })
            .add("/atlas", DATASET)
            .build()
            .start();

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    KnowledgeStore store;

    @Autowired
    SeedAnalysisRunner seedAnalysis;

    @DynamicPropertySource
    static void remoteStore(DynamicPropertyRegistry registry) {
        String base = "http://localhost:" + FUSEKI.getHttpPort() + "/atlas";
        registry.add("atlas.data-dir", () -> DATA.resolve("local").toString());
        registry.add("atlas.remote.query-url", () -> base + "/query");
        registry.add("atlas.remote.update-url", () -> base + "/update");
        registry.add("atlas.remote.gsp-url", () -> base + "/data");
        registry.add("atlas.remote.password", () -> FUSEKI_PASSWORD);
    }

    @AfterAll
    static void stopFuseki() {
        FUSEKI.stop();
    }

    @Test
    void theSeedIsLoadedIntoTheRemoteStoreAndNothingButTheIndexesIsLocal() throws IOException {
        Node seed = NodeFactory.createURI(Atlas.NS + "seed");
        Node provenance = NodeFactory.createURI(KnowledgeStore.PROVENANCE_GRAPH);
        boolean seedInFuseki =
                Txn.calculateRead(DATASET, () -> DATASET.contains(provenance, Node.ANY, Atlas.method.asNode(), seed));
        boolean grokkingKnown = Txn.calculateRead(
                DATASET,
                () -> DATASET.contains(
                        Quad.defaultGraphIRI,
                        NodeFactory.createURI("https://w3id.org/physics-of-ai/id/phenomenon/grokking"),
                        Node.ANY,
                        Node.ANY));

        assertThat(seedInFuseki).isTrue();
        assertThat(grokkingKnown).isTrue();
        try (var local = Files.list(DATA.resolve("local"))) {
            assertThat(local.map(p -> p.getFileName().toString()))
                    .doesNotContain("tdb2")
                    .contains("lucene");
        }
    }

    @Test
    void sparqlAnswersFromTheRemoteStoreAndEntityPagesAreServed() {
        WebClient reader = new WebClient(port);
        int before = REQUESTS.get();

        String csv = reader.get("/sparql?format=csv&query="
                        + encode("SELECT ?label WHERE { <https://w3id.org/physics-of-ai/id/phenomenon/grokking>"
                                + " <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"))
                .body();
        HttpResponse<String> page = reader.get("/id/phenomenon/grokking");

        assertThat(csv).contains("grokking");
        assertThat(REQUESTS.get()).isGreaterThan(before);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("grokking").contains("<html");
    }

    /**
     * The count of requests once Fuseki has seen none for three seconds: what earlier tests set off in
     * the background (the downloads written again, law re-checks) has settled by then.
     */
    private static int settledRequests() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        int seen = REQUESTS.get();
        while (System.nanoTime() < deadline) {
            Thread.sleep(3_000);
            int now = REQUESTS.get();
            if (now == seen) {
                return now;
            }
            seen = now;
        }
        return seen;
    }

    @Test
    void updatesAndServiceAreRefusedBeforeTheyReachTheServer() throws Exception {
        WebClient reader = new WebClient(port);
        // the analysis of the seed after start-up writes to the remote store for a while
        seedAnalysis.finished().get(5, java.util.concurrent.TimeUnit.MINUTES);
        int before = settledRequests();

        HttpResponse<String> update = reader.get("/sparql?query="
                + encode("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"));
        HttpResponse<String> service = reader.get("/sparql?query="
                + encode("SELECT * WHERE { SERVICE <http://localhost:" + FUSEKI.getHttpPort()
                        + "/atlas/query> { ?s ?p ?o } }"));
        HttpResponse<String> posted = reader.send(HttpRequest.newBuilder(URI.create(reader.base() + "/sparql"))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")));

        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(service.statusCode()).isEqualTo(403);
        assertThat(posted.statusCode()).isBetween(400, 499);
        assertThat(REQUESTS.get()).isEqualTo(before);
    }

    @Test
    void aSubmissionIsStoredRemotelyAndOnceAcceptedIsFoundBySparqlAndSearch() {
        if (accounts.find("remote-curator").isEmpty()) {
            accounts.create("remote-curator", "Dr Remote", "a long enough password", Role.CURATOR);
        }
        String token = accounts.createToken("remote-curator", "test");
        WebClient client = new WebClient(port);

        HttpResponse<String> submitted =
                client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/contributions"))
                        .header("Content-Type", "text/turtle")
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                        @prefix atlas: <https://w3id.org/physics-of-ai/atlas#> .
                        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                        <phenomenon/remote-plateau> a atlas:Phenomenon ; skos:prefLabel "remote plateau"@en ;
                            skos:definition "A plateau seen only through a remote store."@en .
                        """)));

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        Matcher iri = Pattern.compile("\"iri\":\"([^\"]+)\"").matcher(submitted.body());
        assertThat(iri.find()).isTrue();
        Node graph = NodeFactory.createURI(iri.group(1));
        assertThat(Txn.calculateRead(DATASET, () -> DATASET.containsGraph(graph)))
                .isTrue();
        assertThat(client.get("/api/search?q=" + encode("remote plateau")).body())
                .doesNotContain("remote-plateau");

        store.accept(iri.group(1), new AgentRef("https://example.org/agent/curator", "Curator"), "checked");

        assertThat(client.get("/sparql?format=csv&query="
                                + encode("ASK { ?p <http://www.w3.org/2004/02/skos/core#prefLabel>"
                                        + " \"remote plateau\"@en }"))
                        .body())
                .containsIgnoringCase("true");
        assertThat(client.get("/api/search?q=" + encode("remote plateau")).body())
                .contains("remote-plateau");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Path passwordFile() {
        try {
            Path file = DATA.resolve("fuseki-passwords");
            Files.writeString(file, "atlas: " + FUSEKI_PASSWORD + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    FileSystemUtils.deleteRecursively(directory);
                } catch (IOException e) {
                    // The operating system cleans temporary directories; nothing else to do at exit.
                }
            }));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
