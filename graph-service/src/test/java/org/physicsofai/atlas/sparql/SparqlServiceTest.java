package org.physicsofai.atlas.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

class SparqlServiceTest {

    @TempDir
    Path directory;

    private KnowledgeStore store;
    private SparqlService sparql;

    @BeforeEach
    void setUp() {
        store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE);
        Graph numbers = GraphFactory.createDefaultGraph();
        for (int i = 0; i < 300; i++) {
            numbers.add(Triple.create(
                    NodeFactory.createURI(AtlasOntology.ID_BASE + "run/r" + i),
                    NodeFactory.createURI("https://w3id.org/physics-of-ai/atlas#step"),
                    NodeFactory.createLiteralString(Integer.toString(i))));
        }
        store.submit(contribution(numbers, true));
        store.submit(contribution(turtle("<phenomenon/pending> a atlas:Phenomenon ."), false));
        sparql = new SparqlService(store, new SparqlLimits(Duration.ofSeconds(2), 100));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private static NewContribution contribution(Graph graph, boolean accept) {
        return new NewContribution(
                graph, ContributionMethod.MANUAL, AgentRef.CURATORS, null, null, null, List.of(), accept);
    }

    private SparqlResult run(String query) {
        return sparql.execute(sparql.parse(query, List.of(), List.of()));
    }

    @Test
    void selectAnswersOverAcceptedKnowledgeOnly() {
        SparqlResult.Rows result = (SparqlResult.Rows) run("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }");

        assertThat(result.rows().next().get("n").getLiteralLexicalForm()).isEqualTo("300");
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void provenanceIsQueryableThroughNamedGraphs() {
        SparqlResult.Rows result = (SparqlResult.Rows) run("""
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                SELECT ?g ?status { GRAPH ?g { ?s a atlas:Phenomenon }
                                    GRAPH <https://w3id.org/physics-of-ai/id/graph/provenance> { ?g atlas:status ?status } }
                """);

        assertThat(result.rows().next().get("status").getURI()).endsWith("#pending");
    }

    @Test
    void reachingTheRowCapIsFlaggedNotSilent() {
        SparqlResult.Rows result = (SparqlResult.Rows) run("SELECT * { ?s ?p ?o }");

        assertThat(result.truncated()).isTrue();
        assertThat(result.rows().size()).isEqualTo(100);
    }

    @Test
    void aQueryWithinTheCapIsNotFlagged() {
        SparqlResult.Rows result = (SparqlResult.Rows) run("SELECT * { ?s ?p ?o } LIMIT 100");

        assertThat(result.truncated()).isFalse();
        assertThat(result.rows().size()).isEqualTo(100);
    }

    @Test
    void constructIsCappedAndFlaggedToo() {
        SparqlResult.Triples result = (SparqlResult.Triples) run("CONSTRUCT WHERE { ?s ?p ?o }");

        assertThat(result.truncated()).isTrue();
        assertThat(result.graph().size()).isEqualTo(100);
    }

    @Test
    void askAnswers() {
        assertThat(((SparqlResult.Bool) run("ASK { ?s ?p \"42\" }")).value()).isTrue();
    }

    @Test
    void aRunawayQueryTimesOut() {
        assertThatThrownBy(() -> run("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TIMEOUT))
                .hasMessageContaining("did not finish");
    }

    @Test
    void aRegexThatBacktracksForEverIsStoppedByTheTimeout() {
        String text = "a".repeat(40) + "!";
        for (String query : List.of(
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(REGEX(CONCAT(\"" + text + "\", STR(?o)), \"(.*a){20}$\")) }",
                "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER(REPLACE(\"" + text + "\", \"(.*a){20}$\", \"\") = \"\") }",
                "ASK { FILTER(<http://www.w3.org/2005/xpath-functions#matches>(\"" + text + "\", \"(.*a){20}$\")) }")) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> run(query))
                    .as(query)
                    .isInstanceOfSatisfying(
                            SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TIMEOUT));
            // Unstopped, each of these runs for hours; a generous bound for a loaded machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void regexAndReplaceAnswerAsArqDoes() {
        SparqlResult.Rows rows = (SparqlResult.Rows) run("SELECT ?m ?i ?q ?r ?l WHERE {"
                + " BIND(REGEX(\"Grokking\", \"^grok\", \"i\") AS ?m)"
                + " BIND(REGEX(\"Grokking\", \"^grok\") AS ?i)"
                + " BIND(REGEX(\"a.c\", \".\", \"q\") AS ?q)"
                + " BIND(REPLACE(\"abcabc\", \"b(c)\", \"[$1]\") AS ?r)"
                + " BIND(REPLACE(\"grokking\"@en, \"k+\", \"K\") AS ?l) }");
        var row = rows.rows().next();

        assertThat(row.get("m").getLiteralLexicalForm()).isEqualTo("true");
        assertThat(row.get("i").getLiteralLexicalForm()).isEqualTo("false");
        assertThat(row.get("q").getLiteralLexicalForm()).isEqualTo("true");
        assertThat(row.get("r").getLiteralLexicalForm()).isEqualTo("a[c]a[c]");
        assertThat(row.get("l").getLiteralLexicalForm()).isEqualTo("groKing");
        assertThat(row.get("l").getLiteralLanguage()).isEqualTo("en");
    }

    @Test
    void serviceIsRefusedInsideExists() {
        for (String query : List.of(
                "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
                "SELECT * { ?s ?p ?o FILTER NOT EXISTS { { SELECT * { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } } } } }",
                "SELECT * { ?s ?p ?o BIND(EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } AS ?x) }")) {
            assertThatThrownBy(() -> run(query))
                    .as(query)
                    .isInstanceOfSatisfying(
                            SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.FORBIDDEN));
        }
    }

    @Test
    void updatesAreRefused() {
        assertThatThrownBy(() -> run("INSERT DATA { <urn:a> <urn:b> <urn:c> }"))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.FORBIDDEN))
                .hasMessageContaining("read-only");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThatThrownBy(() -> run("SELECT * WHERE { ?s ?p }"))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.SYNTAX))
                .hasMessageContaining("line 1");
    }

    @Test
    void serviceIsRefusedEvenInsideASubQuery() {
        assertThatThrownBy(() -> run("SELECT * { { SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } } }"))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.FORBIDDEN));
    }

    @Test
    void fromClausesNeverFetchFromOtherHosts() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<urn:a> <urn:b> <urn:c> .".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/turtle");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data.ttl";
            SparqlResult.Rows result = (SparqlResult.Rows) run("SELECT * FROM <" + url + "> { ?s ?p ?o }");
            SparqlResult.Rows viaProtocol =
                    (SparqlResult.Rows) sparql.execute(sparql.parse("SELECT * { ?s ?p ?o }", List.of(url), List.of()));

            assertThat(result.rows().size()).isZero();
            assertThat(viaProtocol.rows().size()).isZero();
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
