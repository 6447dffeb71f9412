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
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile SPARQL queries against the running application (its query timeout is 2 s in the tests): each
 * must end with 503 within the timeout plus 2 s, and while it runs a simple query must still be answered
 * within a second. The timings are the requirement here, so they are asserted; the margins are those of
 * the requirement, on top of a timeout kept short.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunawayQueryTest extends AtlasWebTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration SIMPLE = Duration.ofSeconds(1);
    private static final String NEXT = "https://runaway.example.org/next";
    private static final int CHAIN = 3000;

    private static final String SIMPLE_QUERY =
            "ASK { <https://w3id.org/physics-of-ai/id/phenomenon/grokking> a ?type }";

    @Autowired
    private KnowledgeStore store;

    private final HttpClient http = HttpClient.newBuilder().build();

    /** A long chain of accepted statements for the property paths to walk. */
    @BeforeAll
    void longChain() {
        Graph chain = GraphFactory.createDefaultGraph();
        for (int i = 0; i < CHAIN; i++) {
            chain.add(
                    NodeFactory.createURI("https://runaway.example.org/node/" + i),
                    NodeFactory.createURI(NEXT),
                    NodeFactory.createURI("https://runaway.example.org/node/" + (i + 1)));
        }
        store.submit(new NewContribution(
                chain,
                ContributionMethod.MANUAL,
                new AgentRef("https://runaway.example.org/agent", "runaway test"),
                null,
                null,
                null,
                List.of(),
                true));
    }

    static List<String> hostileQueries() {
        String next = "<" + NEXT + ">";
        return List.of(
                // Cross joins and counts over cartesian products.
                "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                "SELECT (COUNT(DISTINCT *) AS ?n) { ?a ?b ?c . ?d ?e ?f }",
                "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY RAND()",
                "CONSTRUCT { <urn:x:a> <urn:x:b> <urn:x:c> } WHERE { ?a ?b ?c . ?d ?e ?f }",
                "ASK { ?a ?b ?c . ?d ?e ?f . FILTER(STR(?c) = CONCAT(STR(?f), \"never\")) }",
                // Unbounded property paths over the long chain.
                "SELECT (COUNT(*) AS ?n) { ?x " + next + "* ?y }",
                "SELECT (COUNT(*) AS ?n) { ?x (" + next + "|^" + next + ")* ?y }",
                "SELECT (COUNT(*) AS ?n) { ?x (!<urn:x:none>)+ ?y }",
                // Regular expressions that backtrack for ever (huge strings are refused before the timeout:
                // HostileFunctionsTest).
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o . FILTER(REGEX(CONCAT(\"" + "a".repeat(40)
                        + "!\", STR(?o)), \"(.*a){20}$\")) }",
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o . FILTER(REPLACE(CONCAT(\"" + "a".repeat(40)
                        + "!\", STR(?s)), \"(.*a){20}$\", \"\") = \"\") }",
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o . FILTER(<http://www.w3.org/2005/xpath-functions#matches>(\""
                        + "a".repeat(40) + "!\", \"(.*a){20}$\")) }",
                // Nested optionals and deep sub-queries.
                "SELECT (COUNT(*) AS ?n) { ?a ?p ?b OPTIONAL { ?b ?q ?c OPTIONAL { ?c ?r ?d OPTIONAL { ?x ?y ?z } } } }",
                "SELECT (COUNT(*) AS ?n) { { SELECT ?a { { SELECT ?a ?b { { SELECT ?a ?b ?c { ?a ?p ?b . ?c ?q ?d } } } } } } }",
                "SELECT (GROUP_CONCAT(STR(?c)) AS ?all) { ?a ?b ?c . ?d ?e ?f }");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostileQueries")
    void aHostileQueryEndsWith503InTimeAndSimpleQueriesStillAnswer(String hostile) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> running =
                http.sendAsync(request(hostile), HttpResponse.BodyHandlers.ofString());

        List<Long> simpleMillis = new ArrayList<>();
        Thread.sleep(300);
        while (!running.isDone() && simpleMillis.size() < 5) {
            long begin = System.nanoTime();
            HttpResponse<String> simple = http.send(request(SIMPLE_QUERY), HttpResponse.BodyHandlers.ofString());
            simpleMillis.add((System.nanoTime() - begin) / 1_000_000);
            assertThat(simple.statusCode()).isEqualTo(200);
            assertThat(simple.body()).contains("true");
            Thread.sleep(100);
        }
        HttpResponse<String> response = running.get(TIMEOUT.plus(GRACE).toSeconds() + 60, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.printf(
                "Hostile query answered %d in %d ms; simple queries meanwhile: %s ms%n",
                response.statusCode(), tookMillis, simpleMillis);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(tookMillis)
                .as("milliseconds until the 503")
                .isLessThanOrEqualTo(TIMEOUT.plus(GRACE).toMillis());
        if (simpleMillis.isEmpty()) {
            // refused by a bound before the first simple query was sent: the endpoint answers right after
            long begin = System.nanoTime();
            HttpResponse<String> simple = http.send(request(SIMPLE_QUERY), HttpResponse.BodyHandlers.ofString());
            simpleMillis.add((System.nanoTime() - begin) / 1_000_000);
            assertThat(simple.statusCode()).isEqualTo(200);
            assertThat(simple.body()).contains("true");
        }
        // Within a second as a rule; one scheduling hiccup of a loaded 2-core machine is tolerated, not two.
        List<Long> sorted = simpleMillis.stream().sorted().toList();
        assertThat(sorted.get(sorted.size() / 2))
                .as("median milliseconds of the simple queries %s", simpleMillis)
                .isLessThan(SIMPLE.toMillis());
        assertThat(sorted.get(sorted.size() - 1))
                .as("slowest simple query of %s", simpleMillis)
                .isLessThan(2 * SIMPLE.toMillis());
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql?query="
                        + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "application/sparql-results+json")
                .timeout(Duration.ofMinutes(2))
                .build();
    }
}
