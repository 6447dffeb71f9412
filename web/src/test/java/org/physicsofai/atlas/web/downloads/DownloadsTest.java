package org.physicsofai.atlas.web.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;

/** {@code /downloads}: the accepted knowledge as gzipped N-Triples and Turtle, kept up to date. */
class DownloadsTest extends AtlasWebTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The download once it is written (it is written in the background after start-up and changes). */
    private HttpResponse<byte[]> download(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpResponse<byte[]> response = get("/downloads/" + name);
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = get("/downloads/" + name);
        }
        return response;
    }

    private static Graph parse(byte[] gzipped, Lang lang) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            Graph graph = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(lang).parse(graph);
            return graph;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKnowledgeIsOfferedAsGzippedNTriplesAndTurtleWithCachingHeaders() throws Exception {
        HttpResponse<byte[]> nt = download("atlas-knowledge.nt.gz");
        HttpResponse<byte[]> ttl = download("atlas-knowledge.ttl.gz");

        assertThat(nt.statusCode()).isEqualTo(200);
        assertThat(nt.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(nt.headers().firstValueAsLong("Content-Length")).hasValue(nt.body().length);
        assertThat(nt.headers().firstValue("Content-Disposition").orElseThrow()).contains("atlas-knowledge.nt.gz");
        assertThat(nt.headers().firstValue("Last-Modified")).isPresent();
        String etag = nt.headers().firstValue("ETag").orElseThrow();
        Graph triples = parse(nt.body(), Lang.NTRIPLES);
        Graph turtle = parse(ttl.body(), Lang.TURTLE);
        assertThat(triples.size()).isGreaterThan(1000);
        assertThat(turtle.size()).isEqualTo(triples.size());
        assertThat(get("/downloads/atlas-knowledge.nt.gz", "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(304);
        assertThat(get("/downloads/secrets.txt").statusCode()).isEqualTo(404);
        assertThat(get("/downloads/..%2Faccounts.json").statusCode()).isIn(400, 404);
    }

    @Test
    void aNewlyAcceptedContributionAppearsInTheDownloads() throws Exception {
        WebClient curator = signedIn("downloads-curator", Role.CURATOR);
        String name = "Downloads carry every accepted claim, even this one " + System.nanoTime() + ".";
        curator.get("/submit/claim");
        Map<String, String> claim = new java.util.LinkedHashMap<>();
        claim.put("atlas_statement@en", name);
        claim.put("atlas_certainty", "https://w3id.org/physics-of-ai/atlas#tentative");
        claim.put("atlas_about", "/id/phenomenon/grokking");
        HttpResponse<String> created = curator.post("/submit/claim", claim);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Node label = NodeFactory.createLiteralLang(name, "en");

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        boolean inBoth = false;
        while (!inBoth && System.nanoTime() < deadline) {
            Graph nt = parse(download("atlas-knowledge.nt.gz").body(), Lang.NTRIPLES);
            Graph ttl = parse(download("atlas-knowledge.ttl.gz").body(), Lang.TURTLE);
            inBoth = nt.contains(Node.ANY, Node.ANY, label) && ttl.contains(Node.ANY, Node.ANY, label);
            if (!inBoth) {
                Thread.sleep(300);
            }
        }
        assertThat(inBoth).as("the new phenomenon is in both downloads").isTrue();
        String page = new WebClient(port).get("/downloads").body();
        assertThat(page).contains("atlas-knowledge.nt.gz", "atlas-knowledge.ttl.gz", "text/turtle");
        assertThat(new WebClient(port).get("/downloads?lang=zh").body()).contains("下载");
        assertThat(new WebClient(port).get("/").body()).contains("href=\"/downloads\"");
    }
}
