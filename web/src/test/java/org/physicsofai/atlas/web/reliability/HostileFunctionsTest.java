package org.physicsofai.atlas.web.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.web.AtlasWebTest;

/**
 * The attacks of one anonymous GET on the public SPARQL endpoint that the timeout alone did not stop: a
 * string doubled until the heap is full, and functions or property functions that ARQ would run outside
 * the query's cancellation. Each is answered with a problem document, and the endpoint answers others.
 */
class HostileFunctionsTest extends AtlasWebTest {

    private static final String SIMPLE = "ASK { <https://w3id.org/physics-of-ai/id/phenomenon/grokking> a ?type }";

    private final HttpClient http = HttpClient.newHttpClient();

    /** {@code BIND(CONCAT(?a, ?a))} 26 times: 671 million characters unbounded. */
    private static String doubling() {
        StringBuilder query = new StringBuilder("SELECT (STRLEN(?a26) AS ?n) { BIND(\"aaaaaaaaaa\" AS ?a0)");
        for (int i = 1; i <= 26; i++) {
            query.append(" BIND(CONCAT(?a")
                    .append(i - 1)
                    .append(", ?a")
                    .append(i - 1)
                    .append(") AS ?a")
                    .append(i)
                    .append(')');
        }
        return query.append(" }").toString();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return http.send(request(query), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json")
                .timeout(Duration.ofMinutes(1))
                .build();
    }

    @Test
    void aStringDoubledTwentySixTimesIsA503AndFourAtOnceLeaveTheEndpointAnswering() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            hostile.add(http.sendAsync(request(doubling()), HttpResponse.BodyHandlers.ofString()));
        }
        HttpResponse<String> simple = get(SIMPLE);

        for (CompletableFuture<HttpResponse<String>> answer : hostile) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).contains("more than 1048576 characters");
        }
        assertThat(simple.statusCode()).isEqualTo(200);
        assertThat(simple.body()).contains("true");
        assertThat(get(SIMPLE).statusCode()).isEqualTo(200);
    }

    @Test
    void tenMillionCharactersPerRowAreA503() throws Exception {
        // From one character of each row, so that nothing is folded before the query runs.
        String nested = "SUBSTR(STR(?s), 1, 1)";
        for (int i = 0; i < 7; i++) {
            nested = "REPLACE(" + nested + ", \".\", \"aaaaaaaaaa\")";
        }

        HttpResponse<String> response =
                get("SELECT (SUM(STRLEN(?big)) AS ?n) { ?s ?p ?o . BIND(" + nested + " AS ?big) }");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.body()).contains("more than 1048576 characters");
    }

    @Test
    void javaFunctionIrisAndPropertyFunctionsAreA400NamingThem() throws Exception {
        String a29 = "\"" + "a".repeat(29) + "\"";
        HttpResponse<String> java = get("SELECT * { BIND(<java:org.apache.jena.sparql.function.library.FN_Matches>("
                + a29 + ", \"^(a+)+(\\\\1)?b$\") AS ?x) }");
        HttpResponse<String> split = get(
                "SELECT * { ?x <http://jena.apache.org/ARQ/property#strSplit> (" + a29 + " \"^(a+)+(\\\\1)?b$\") }");

        assertThat(java.statusCode()).isEqualTo(400);
        assertThat(java.body()).contains("java:org.apache.jena.sparql.function.library.FN_Matches", "not available");
        assertThat(split.statusCode()).isEqualTo(400);
        assertThat(split.body()).contains("property#strSplit", "property function");
    }
}
