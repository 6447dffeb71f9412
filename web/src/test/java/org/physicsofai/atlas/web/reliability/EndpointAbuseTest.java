package org.physicsofai.atlas.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SPARQL endpoint against abuse: {@code SERVICE} to any host, {@code LOAD}, every kind of update by
 * every way the protocol allows (GET and POST, {@code query} and {@code update} parameters, an {@code
 * application/sparql-update} body), anonymous or signed in as an administrator, and datasets naming other
 * hosts ({@code FROM}, {@code FROM NAMED}, {@code default-graph-uri}, {@code named-graph-uri}). A local
 * canary server proves that nothing is ever fetched, and a digest of every quad that nothing changed.
 */
class EndpointAbuseTest extends AtlasWebTest {

    @Autowired
    private KnowledgeStore store;

    private HttpServer canary;
    private final AtomicInteger fetched = new AtomicInteger();
    private String canaryUrl;

    @BeforeEach
    void startCanary() throws Exception {
        canary = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        canary.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "<urn:canary:s> <urn:canary:p> <urn:canary:o> .".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/turtle");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        canary.start();
        canaryUrl = "http://127.0.0.1:" + canary.getAddress().getPort() + "/canary";
    }

    @AfterEach
    void stopCanary() {
        canary.stop(0);
    }

    private List<String> updates() {
        String c = canaryUrl;
        return List.of(
                "LOAD <" + c + ">",
                "LOAD SILENT <" + c + "> INTO GRAPH <urn:abuse:g>",
                "INSERT DATA { <urn:abuse:s> <urn:abuse:p> <urn:abuse:o> }",
                "INSERT DATA { GRAPH <urn:abuse:g> { <urn:abuse:s> <urn:abuse:p> <urn:abuse:o> } }",
                "DELETE WHERE { ?s ?p ?o }",
                "DELETE DATA { <https://w3id.org/physics-of-ai/id/phenomenon/grokking> a"
                        + " <https://w3id.org/physics-of-ai/atlas#Phenomenon> }",
                "DELETE { ?s ?p ?o } INSERT { ?s ?p \"defaced\" } WHERE { ?s ?p ?o }",
                "INSERT { GRAPH <urn:abuse:g> { ?s ?p ?o } } WHERE { SERVICE <" + c + "> { ?s ?p ?o } }",
                "DROP ALL",
                "DROP DEFAULT",
                "CLEAR ALL",
                "CLEAR GRAPH <" + KnowledgeStore.PROVENANCE_GRAPH + ">",
                "CREATE GRAPH <urn:abuse:g>",
                "COPY DEFAULT TO <urn:abuse:g>",
                "MOVE DEFAULT TO <urn:abuse:g>",
                "ADD DEFAULT TO <urn:abuse:g>");
    }

    private List<String> services() {
        String c = canaryUrl;
        return List.of(
                "SELECT * { SERVICE <" + c + "> { ?s ?p ?o } }",
                "SELECT * { SERVICE SILENT <" + c + "> { ?s ?p ?o } }",
                "SELECT * { { SELECT * { SERVICE <" + c + "> { ?s ?p ?o } } } }",
                "SELECT * { VALUES ?endpoint { <" + c + "> } SERVICE ?endpoint { ?s ?p ?o } }",
                "ASK { OPTIONAL { SERVICE <" + c + "> { ?s ?p ?o } } }",
                "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <" + c + "> { ?s ?p ?o } } }");
    }

    @Test
    void updatesAndLoadsAreRefusedHowEverTheyArriveAndChangeNothing() {
        String before = digest();
        WebClient admin = signedIn(ADMIN, Role.ADMIN);
        List<String> accepted = new ArrayList<>();
        for (String update : updates()) {
            for (WebClient client : List.of(new WebClient(port), admin)) {
                List<HttpResponse<String>> attempts = List.of(
                        get(client, "query", update),
                        get(client, "update", update),
                        form(client, "query", update),
                        form(client, "update", update),
                        body(client, "application/sparql-update", update),
                        body(client, "application/sparql-query", update));
                for (HttpResponse<String> attempt : attempts) {
                    if (attempt.statusCode() < 400 || attempt.statusCode() >= 500) {
                        accepted.add(attempt.request().method() + " " + attempt.statusCode() + " " + update);
                    }
                }
            }
        }

        assertThat(accepted).as("updates not refused").isEmpty();
        assertThat(fetched).as("requests to the canary").hasValue(0);
        assertThat(digest()).as("digest of every quad").isEqualTo(before);
    }

    @Test
    void serviceToAnyHostIsRefusedAndNeverCalled() {
        String before = digest();
        WebClient client = new WebClient(port);
        List<String> notRefused = new ArrayList<>();
        for (String query : services()) {
            for (HttpResponse<String> attempt : List.of(
                    get(client, "query", query),
                    form(client, "query", query),
                    body(client, "application/sparql-query", query))) {
                if (attempt.statusCode() != 403 || !attempt.body().contains("SERVICE is not allowed")) {
                    notRefused.add(attempt.statusCode() + " " + query);
                }
            }
        }

        assertThat(notRefused).as("SERVICE queries not refused").isEmpty();
        assertThat(fetched).as("requests to the canary").hasValue(0);
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void datasetsNamingOtherHostsAreNeverFetched() {
        String before = digest();
        WebClient client = new WebClient(port);
        String c = canaryUrl;
        List<HttpResponse<String>> attempts = List.of(
                get(client, "query", "SELECT * FROM <" + c + "> { ?s ?p ?o }"),
                get(client, "query", "SELECT * FROM NAMED <" + c + "> { GRAPH ?g { ?s ?p ?o } }"),
                get(client, "query", "ASK FROM <" + c + "/a> FROM NAMED <" + c + "/b> { ?s ?p ?o }"),
                form(
                        client,
                        "query",
                        "SELECT ?s FROM <" + c + "> FROM NAMED <" + c + "/named> WHERE { { ?s ?p ?o } UNION"
                                + " { GRAPH ?g { ?s ?p ?o } } }"),
                body(client, "application/sparql-query", "SELECT * FROM <" + c + "> { ?s ?p ?o }"),
                client.send(HttpRequest.newBuilder(URI.create(client.base() + "/sparql?query="
                                + encode("SELECT * { ?s ?p ?o }") + "&default-graph-uri=" + encode(c)
                                + "&named-graph-uri=" + encode(c + "/named")))
                        .header("Accept", "application/sparql-results+json")));

        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isIn(200, 400, 403);
            assertThat(r.body()).doesNotContain("urn:canary");
        });
        assertThat(fetched).as("requests to the canary").hasValue(0);
        assertThat(digest()).isEqualTo(before);
    }

    private HttpResponse<String> get(WebClient client, String parameter, String text) {
        return client.send(
                HttpRequest.newBuilder(URI.create(client.base() + "/sparql?" + parameter + "=" + encode(text)))
                        .header("Accept", "application/sparql-results+json"));
    }

    private HttpResponse<String> form(WebClient client, String parameter, String text) {
        String body = parameter + "=" + encode(text);
        if (client.csrf() != null) {
            body += "&_csrf=" + encode(client.csrf());
        }
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/sparql"))
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> body(WebClient client, String contentType, String text) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.base() + "/sparql"))
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(text));
        if (client.csrf() != null) {
            request.header("X-CSRF-TOKEN", client.csrf());
        }
        return client.send(request);
    }

    /** A digest of every quad in the store: the default graph, every contribution graph and provenance. */
    private String digest() {
        TreeSet<String> quads = new TreeSet<>();
        store.export(
                new StreamRDFBase() {
                    @Override
                    public void quad(Quad quad) {
                        quads.add(NodeFmtLib.str(quad));
                    }
                },
                true);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            quads.forEach(q -> sha.update((q + "\n").getBytes(StandardCharsets.UTF_8)));
            return quads.size() + " quads, sha-256 " + HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
