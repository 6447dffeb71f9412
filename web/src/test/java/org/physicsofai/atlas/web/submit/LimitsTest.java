package org.physicsofai.atlas.web.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.ContributionRecord;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasProperties;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.physicsofai.atlas.web.WebClient;
import org.physicsofai.atlas.web.account.Role;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Limits answer 429 or 413 with a clear message, never 500: the hourly submission limit counts form
 * and REST submissions and imports alike; a contribution's statements, its literals and request bodies
 * are capped; and the review queue pages through a contribution of any size.
 */
class LimitsTest extends AtlasWebTest {

    private static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    private static final String ATLAS = "https://w3id.org/physics-of-ai/atlas#";

    @Autowired
    SubmissionRateLimiter limiter;

    @Autowired
    AtlasProperties properties;

    @Autowired
    KnowledgeStore store;

    @Test
    void pastTheHourlyLimitFormsRestAndImportsAllAnswer429WithRetryAfter() {
        WebClient lorenza = signedIn("lorenza", Role.CONTRIBUTOR);
        String token = accounts.createToken("lorenza", "script");
        // All but two of the hour's submissions, counted as the application counts them.
        for (int i = 0; i < properties.submissionsPerHour() - 2; i++) {
            limiter.acquire("lorenza");
        }

        assertThat(importCsv(token, "limit-run-a").statusCode()).isEqualTo(201);
        assertThat(turtle(token, phenomenon("limit-one", "Limit test one")).statusCode())
                .isEqualTo(201);

        HttpResponse<String> rest = turtle(token, phenomenon("limit-two", "Limit test two"));
        HttpResponse<String> upload = importCsv(token, "limit-run-b");
        lorenza.get("/submit/phenomenon");
        HttpResponse<String> form = lorenza.post(
                "/submit/phenomenon",
                Map.of("skos_prefLabel@en", "Limit test three", "skos_definition@en", "A phenomenon for a test."));

        for (HttpResponse<String> refused : java.util.List.of(rest, upload, form)) {
            assertThat(refused.statusCode()).isEqualTo(429);
            long retryAfter =
                    Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(3000L, 3600L);
            assertThat(refused.body()).contains("submissions and imports in the last hour, the most allowed");
        }
        assertThat(rest.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(sparqlCsv("SELECT ?s { GRAPH ?g { ?s ?p \"Limit test two\"@en } }")
                        .lines())
                .hasSize(1);
        assertThat(sparqlCsv("SELECT ?s { GRAPH ?g { ?s ?p \"Limit test three\"@en } }")
                        .lines())
                .hasSize(1);
    }

    @Test
    void aContributionWithTooManyStatementsIsRefusedWith413() {
        String token = token("mara");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= 10_000; i++) {
            body.append("<http://localhost:8080/id/phenomenon/many-")
                    .append(i)
                    .append("> <" + SKOS + "prefLabel> \"Many ")
                    .append(i)
                    .append("\"@en .\n");
        }

        HttpResponse<String> answer = turtle(token, body.toString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body())
                .contains("The contribution has 10001 statements; at most 10000 are accepted in one contribution");
        assertThat(sparqlCsv("SELECT ?s { GRAPH ?g { ?s ?p \"Many 7\"@en } }").lines())
                .hasSize(1);
    }

    @Test
    void aLiteralLongerThanTheCapIsRefusedWith413NamingItsProperty() {
        String token = token("nils");
        String label = "x".repeat(100_001);

        HttpResponse<String> answer = turtle(token, phenomenon("long-label", label));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("The value of prefLabel has 100001 characters; at most 100000");
    }

    @Test
    void aRequestBodyLargerThanTheCapIsRefusedWith413WithOrWithoutItsLength() {
        String token = token("olga");
        byte[] big = ("# " + "y".repeat(9 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        WebClient client = new WebClient(port);

        HttpResponse<String> declared =
                client.send(rdfRequest(client, token).POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        HttpResponse<String> chunked = client.send(rdfRequest(client, token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("at most 8388608 are accepted (atlas.limits.max-request-bytes)");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("more than 8388608 bytes");
    }

    @Test
    void theReviewQueuePagesThroughALargePendingContribution() {
        Graph statements = GraphFactory.createDefaultGraph();
        for (int i = 0; i < 3_000; i++) {
            statements.add(Triple.create(
                    NodeFactory.createURI("http://localhost:8080/id/run/paging-" + String.format("%05d", i)),
                    NodeFactory.createURI(SKOS + "prefLabel"),
                    NodeFactory.createLiteralLang("Paging run " + i, "en")));
        }
        ContributionRecord big = store.submit(new NewContribution(
                        statements,
                        ContributionMethod.IMPORT,
                        new AgentRef("http://localhost:8080/id/agent/paging", "Paging importer"),
                        "paging source " + UUID.randomUUID(),
                        null,
                        "test",
                        java.util.List.of(),
                        false))
                .contribution();
        WebClient curator = signedIn("quentin", Role.CURATOR);

        String queue = curator.get("/review").body();
        String first = curator.get("/review?contribution=" + big.iri()).body();
        String second =
                curator.get("/review?contribution=" + big.iri() + "&from=100").body();
        String last =
                curator.get("/review?contribution=" + big.iri() + "&from=2900").body();

        assertThat(queue).contains("Lines 1 to 100 of 3,000 added and 0 withdrawn.");
        assertThat(first.length()).isLessThan(200_000);
        assertThat(first).contains("Lines 1 to 100 of 3,000 added").contains("from=100");
        assertThat(second)
                .contains("Lines 101 to 200 of 3,000 added")
                .contains("from=0")
                .contains("from=200");
        assertThat(last)
                .contains("Lines 2,901 to 3,000 of 3,000 added")
                .contains("from=2800")
                .doesNotContain("rel=\"next\"");
        Set<String> onFirst = runs(first);
        Set<String> onSecond = runs(second);
        Set<String> onLast = runs(last);
        assertThat(onFirst).hasSize(100).doesNotContainAnyElementsOf(onSecond).doesNotContainAnyElementsOf(onLast);
        assertThat(onSecond).hasSize(100).doesNotContainAnyElementsOf(onLast);
        assertThat(onLast).hasSize(100);
        assertThat(runs(curator.get("/review?contribution=" + big.iri()).body()))
                .isEqualTo(onFirst);
        assertThat(curator.get("/review?contribution=http://localhost:8080/id/contribution/none")
                        .statusCode())
                .isEqualTo(404);
    }

    /** The runs of the paging test named on a page. */
    private static Set<String> runs(String page) {
        Set<String> runs = new HashSet<>();
        Matcher m = Pattern.compile("paging-\\d{5}").matcher(page);
        while (m.find()) {
            runs.add(m.group());
        }
        return runs;
    }

    private String token(String username) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, "Dr " + username, PASSWORD, Role.CONTRIBUTOR);
        }
        return accounts.createToken(username, "limits");
    }

    private static String phenomenon(String slug, String label) {
        return "<http://localhost:8080/id/phenomenon/" + slug + "> a <" + ATLAS + "Phenomenon> ;"
                + " <" + SKOS + "prefLabel> \"" + label + "\"@en ;"
                + " <" + SKOS + "definition> \"A phenomenon for a test.\"@en .";
    }

    private HttpRequest.Builder rdfRequest(WebClient client, String token) {
        return HttpRequest.newBuilder(URI.create(client.base() + "/api/contributions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/turtle")
                .header("Accept", "application/json");
    }

    private HttpResponse<String> turtle(String token, String body) {
        WebClient client = new WebClient(port);
        return client.send(rdfRequest(client, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> importCsv(String token, String run) {
        String boundary = "atlas" + UUID.randomUUID();
        StringBuilder csv = new StringBuilder("step,train_loss\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(1.0 / (i + 1)).append('\n');
        }
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"" + run + "/metrics.csv\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + csv + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"experiment\"\r\n\r\nlimits test " + run + "\r\n"
                + "--" + boundary + "--\r\n";
        WebClient client = new WebClient(port);
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }
}
