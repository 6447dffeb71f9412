package org.physicsofai.atlas.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.physicsofai.atlas.store.TestGraphs.turtle;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
                "ASK { FILTER(<http://www.w3.org/2005/xpath-functions#matches>(\"" + text + "\", \"(.*a){20}$\")) }",
                // The pattern that ran 100 s past a 3 s timeout through a java: IRI, here through fn:matches.
                "SELECT * { BIND(<http://www.w3.org/2005/xpath-functions#matches>(\"" + "a".repeat(40)
                        + "\", \"^(a+)+(\\\\1)?b$\") AS ?x) }")) {
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

    private void assertRefused(String query, SparqlException.Kind kind, String message) {
        assertThatThrownBy(() -> run(query))
                .as(query)
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageContaining(message);
    }

    @Test
    void aStringDoubledTwentySixTimesIsRefusedAndTheServiceAnswersOnAfterwards() {
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
        query.append(" }");
        long start = System.nanoTime();

        // Unbounded, the last string is 671 million characters (1.3 GB), the intermediate ones as much again.
        assertRefused(query.toString(), SparqlException.Kind.TOO_COSTLY, "more than 1048576 characters");
        // Refused as soon as the bound is passed, long before the 2 s timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(((SparqlResult.Bool) run("ASK { ?s ?p \"42\" }")).value()).isTrue();
    }

    @Test
    void everyStringBuildingFunctionIsBounded() {
        SparqlService small = new SparqlService(store, new SparqlLimits(Duration.ofSeconds(2), 100, 10_000, 1_000_000));
        String seed = "SUBSTR(STR(?s), 1, 1)";
        String replaced = seed;
        for (int i = 0; i < 5; i++) {
            replaced = "REPLACE(" + replaced + ", \".\", \"aaaaaaaaaa\")";
        }
        // Each step eight times as long: STR(?s) has some 50 characters, so the third step passes 10,000.
        String concatenated = " BIND(STR(?s) AS ?c0)";
        for (int i = 1; i <= 3; i++) {
            String previous = "?c" + (i - 1);
            concatenated += " BIND(CONCAT(" + String.join(", ", java.util.Collections.nCopies(8, previous)) + ") AS ?c"
                    + i + ")";
        }
        // 2,000 characters that ENCODE_FOR_URI makes 12,000; 6,000 that UCASE makes 12,000 (ß is SS).
        String accents = "REPLACE(" + seed + ", \".\", \"" + "é".repeat(2_000) + "\")";
        String sharp = "REPLACE(" + seed + ", \".\", \"" + "ß".repeat(6_000) + "\")";
        for (String query : List.of(
                "SELECT (STRLEN(" + replaced + ") AS ?n) { ?s ?p ?o } LIMIT 1",
                "SELECT (STRLEN(?c3) AS ?n) { ?s ?p ?o" + concatenated + " } LIMIT 1",
                "SELECT (STRLEN(UCASE(LCASE(" + sharp + "))) AS ?n) { ?s ?p ?o } LIMIT 1",
                "SELECT (STRLEN(ENCODE_FOR_URI(" + accents + ")) AS ?n) { ?s ?p ?o } LIMIT 1",
                "SELECT (STRLEN(<http://www.w3.org/2005/xpath-functions#replace>(" + accents
                        + ", \"é\", \"abcdef\")) AS ?n) { ?s ?p ?o } LIMIT 1",
                // Inside a FILTER, where ARQ turns other failures into "false".
                "ASK { ?s ?p ?o FILTER(STRLEN(" + replaced + ") > 0) }")) {
            assertThatThrownBy(() -> small.execute(small.parse(query, List.of(), List.of())))
                    .as(query)
                    .isInstanceOfSatisfying(
                            SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TOO_COSTLY))
                    .hasMessageContaining("more than 10000 characters");
        }
        // Below the bound, the same functions answer.
        SparqlResult.Rows rows = (SparqlResult.Rows) small.execute(small.parse(
                "SELECT (STRLEN(REPLACE(REPLACE(\"ab\", \".\", \"xyz\"), \"y\", \"\")) AS ?n)"
                        + " (UCASE(CONCAT(\"a\", \"b\")) AS ?u) (ENCODE_FOR_URI(\"a b\") AS ?e) {}",
                List.of(),
                List.of()));
        var row = rows.rows().next();
        assertThat(row.get("n").getLiteralLexicalForm()).isEqualTo("4");
        assertThat(row.get("u").getLiteralLexicalForm()).isEqualTo("AB");
        assertThat(row.get("e").getLiteralLexicalForm()).isEqualTo("a%20b");
    }

    @Test
    void integersSquaredOrRaisedBeyondTheBoundAreRefused() {
        StringBuilder squares = new StringBuilder("SELECT (STRLEN(STR(?x30)) AS ?n) { BIND(12345678901 AS ?x0)");
        for (int i = 1; i <= 30; i++) {
            squares.append(" BIND(?x")
                    .append(i - 1)
                    .append(" * ?x")
                    .append(i - 1)
                    .append(" AS ?x")
                    .append(i)
                    .append(')');
        }
        squares.append(" }");

        assertRefused(squares.toString(), SparqlException.Kind.TOO_COSTLY, "more than 10000 digits");
        assertRefused(
                "SELECT * { BIND(<http://www.w3.org/2005/xpath-functions/math#pow>(10, 100000000) AS ?x) }",
                SparqlException.Kind.TOO_COSTLY,
                "digits");
        SparqlResult.Rows rows = (SparqlResult.Rows) run("PREFIX math: <http://www.w3.org/2005/xpath-functions/math#>"
                + " SELECT (math:pow(2, 10) AS ?p) (math:pow(2.0, 0.5) AS ?r) (123 * 1000 AS ?m) {}");
        var row = rows.rows().next();
        assertThat(row.get("p").getLiteralLexicalForm()).isEqualTo("1024");
        assertThat(Double.parseDouble(row.get("r").getLiteralLexicalForm())).isBetween(1.414, 1.415);
        assertThat(row.get("m").getLiteralLexicalForm()).isEqualTo("123000");
    }

    @Test
    void anAnswerLargerThanTheBoundIsRefusedNotCut() {
        SparqlService small = new SparqlService(store, new SparqlLimits(Duration.ofSeconds(2), 1000, 1000, 5000));

        assertThatThrownBy(() -> small.execute(small.parse("SELECT * { ?s ?p ?o }", List.of(), List.of())))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TOO_COSTLY))
                .hasMessageContaining("more than 5000 characters");
        assertThatThrownBy(() -> small.execute(small.parse("CONSTRUCT WHERE { ?s ?p ?o }", List.of(), List.of())))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TOO_COSTLY));
        SparqlResult.Rows few =
                (SparqlResult.Rows) small.execute(small.parse("SELECT * { ?s ?p ?o } LIMIT 10", List.of(), List.of()));
        assertThat(few.rows().size()).isEqualTo(10);
    }

    private static final String STEP = "<https://w3id.org/physics-of-ai/atlas#step>";

    /** 300 x 300 = 90,000 rows, or 27 million with three patterns: made by the query, not stored. */
    private static String crossProduct(int patterns) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < patterns; i++) {
            where.append("?r")
                    .append(i)
                    .append(' ')
                    .append(STEP)
                    .append(" ?x")
                    .append(i)
                    .append(" . ");
        }
        return where.toString();
    }

    private static void assertTooCostly(SparqlService service, String query, String message) {
        assertThatThrownBy(() -> service.execute(service.parse(query, List.of(), List.of())))
                .isInstanceOfSatisfying(
                        SparqlException.class, e -> assertThat(e.kind()).isEqualTo(SparqlException.Kind.TOO_COSTLY))
                .hasMessageContaining(message);
    }

    @Test
    void sortingGroupingAndDistinctOverACrossProductAreRefusedAtTheHeldRowBound() {
        SparqlService bounded =
                new SparqlService(store, new SparqlLimits(Duration.ofSeconds(20), 100, 1 << 20, 1 << 24, 10_000));

        // The inner ORDER BY has no LIMIT, so ARQ sorts all 27 million rows; a sub-query keeps the service's
        // row cap from turning it into a top-N.
        assertTooCostly(
                bounded,
                "SELECT (COUNT(*) AS ?n) { SELECT * { " + crossProduct(3) + "} ORDER BY ?x0 ?x1 ?x2 }",
                "ORDER BY sorts more than 10000 rows");
        assertTooCostly(
                bounded,
                "SELECT ?x0 ?x1 (COUNT(*) AS ?n) { " + crossProduct(2) + "} GROUP BY ?x0 ?x1",
                "GROUP BY makes more than 10000 rows");
        assertTooCostly(
                bounded,
                "SELECT (COUNT(DISTINCT CONCAT(?x0, \"/\", ?x1)) AS ?n) { " + crossProduct(2) + "}",
                "aggregate with DISTINCT keeps more than 10000 rows");
        assertTooCostly(
                bounded,
                "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?x0 ?x1 { " + crossProduct(2) + "} }",
                "DISTINCT keeps more than 10000 rows");

        SparqlResult.Rows count = (SparqlResult.Rows)
                bounded.execute(bounded.parse("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", List.of(), List.of()));
        assertThat(count.rows().next().get("n").getLiteralLexicalForm()).isEqualTo("300");
    }

    @Test
    void withinTheHeldRowBoundSortingGroupingAndDistinctAnswerAsArqDoes() {
        SparqlService bounded =
                new SparqlService(store, new SparqlLimits(Duration.ofSeconds(20), 1000, 1 << 20, 1 << 24, 300));

        SparqlResult.Rows sorted = (SparqlResult.Rows) bounded.execute(bounded.parse(
                "SELECT ?x { SELECT ?x { ?r " + STEP
                        + " ?x } ORDER BY DESC(<http://www.w3.org/2001/XMLSchema#integer>(?x)) } LIMIT 3",
                List.of(),
                List.of()));
        assertThat(sorted.rows().next().get("x").getLiteralLexicalForm()).isEqualTo("299");
        SparqlResult.Rows grouped = (SparqlResult.Rows) bounded.execute(bounded.parse(
                "SELECT (COUNT(*) AS ?groups) { SELECT ?last (COUNT(*) AS ?n) { ?r " + STEP
                        + " ?x BIND(SUBSTR(?x, STRLEN(?x)) AS ?last) } GROUP BY ?last }",
                List.of(),
                List.of()));
        assertThat(grouped.rows().next().get("groups").getLiteralLexicalForm()).isEqualTo("10");
        SparqlResult.Rows distinct = (SparqlResult.Rows) bounded.execute(bounded.parse(
                "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?x { ?r " + STEP + " ?x } }", List.of(), List.of()));
        assertThat(distinct.rows().next().get("n").getLiteralLexicalForm()).isEqualTo("300");
    }

    @Test
    void groupConcatIsBoundedByTheStringLength() {
        SparqlService small = new SparqlService(store, new SparqlLimits(Duration.ofSeconds(2), 100, 1000, 1_000_000));

        // "0 1 2 ... 299" is 1,089 characters.
        assertTooCostly(
                small,
                "SELECT (GROUP_CONCAT(?x) AS ?all) { ?r " + STEP + " ?x }",
                "GROUP_CONCAT would build a string of more than 1000 characters");
        assertTooCostly(
                small,
                "SELECT (GROUP_CONCAT(DISTINCT ?x; SEPARATOR=\",\") AS ?all) { ?r " + STEP + " ?x }",
                "more than 1000 characters");
        assertTooCostly(
                small,
                "SELECT ?r0 (GROUP_CONCAT(?x1) AS ?all) { " + crossProduct(2) + "} GROUP BY ?r0",
                "more than 1000 characters");

        SparqlResult.Rows few = (SparqlResult.Rows) small.execute(small.parse(
                "SELECT (GROUP_CONCAT(DISTINCT ?x; SEPARATOR=\"|\") AS ?all) (GROUP_CONCAT(?x) AS ?spaced)"
                        + " { VALUES ?x { \"1\" \"2\" \"2\" } }",
                List.of(),
                List.of()));
        var row = few.rows().next();
        assertThat(row.get("all").getLiteralLexicalForm()).isEqualTo("1|2");
        assertThat(row.get("spaced").getLiteralLexicalForm()).isEqualTo("1 2 2");
    }

    @Test
    void queriesBeyondTheConcurrencyCapWaitTheirTurnThenAreTurnedAwayWithRetryAfter() throws Exception {
        SparqlService capped =
                new SparqlService(store, new SparqlLimits(Duration.ofSeconds(2), 100), 2, Duration.ofMillis(200));
        // Counting a 300^4 cross product runs until the 2 s timeout.
        String slow = "SELECT (COUNT(*) AS ?n) { " + crossProduct(4) + "}";
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<SparqlException>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(clients.submit(() -> {
                    try {
                        capped.execute(capped.parse(slow, List.of(), List.of()));
                        return null;
                    } catch (SparqlException e) {
                        return e;
                    }
                }));
            }
            List<SparqlException> refusals = new ArrayList<>();
            for (Future<SparqlException> answer : answers) {
                refusals.add(answer.get(1, TimeUnit.MINUTES));
            }

            assertThat(refusals)
                    .extracting(SparqlException::kind)
                    .filteredOn(SparqlException.Kind.TIMEOUT::equals)
                    .hasSize(2);
            List<SparqlException> busy = refusals.stream()
                    .filter(e -> e.kind() == SparqlException.Kind.BUSY)
                    .toList();
            assertThat(busy).hasSize(4);
            assertThat(busy.getFirst().getMessage()).contains("already running 2 queries", "waited 200 ms");
            assertThat(busy.getFirst().retryAfter()).contains(Duration.ofSeconds(5));
        } finally {
            clients.shutdownNow();
        }
        SparqlResult.Rows after = (SparqlResult.Rows)
                capped.execute(capped.parse("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", List.of(), List.of()));
        assertThat(after.rows().next().get("n").getLiteralLexicalForm()).isEqualTo("300");
    }

    @Test
    void javaFunctionIrisAreRefusedWherever() {
        String java = "<java:org.apache.jena.sparql.function.library.FN_Matches>";
        for (String query : List.of(
                "SELECT * { BIND(" + java + "(\"" + "a".repeat(29) + "\", \"^(a+)+(\\\\1)?b$\") AS ?x) }",
                "SELECT * { ?s ?p ?o FILTER(" + java + "(STR(?o), \"a\")) }",
                "SELECT (COUNT(" + java + "(STR(?o), \"a\")) AS ?n) { ?s ?p ?o }",
                "SELECT * { ?s ?p ?o FILTER EXISTS { ?s ?p ?x FILTER(" + java + "(STR(?x), \"a\")) } }",
                "SELECT * { { SELECT ?s { ?s ?p ?o BIND(" + java + "(STR(?o), \"a\") AS ?x) } } }",
                "SELECT * { ?s ?p ?o } ORDER BY " + java + "(STR(?o), \"a\")")) {
            assertRefused(query, SparqlException.Kind.UNSUPPORTED, "FN_Matches> is not available");
        }
    }

    @Test
    void functionsThatCallOthersOrLeaveTheReviewedListAreRefused() {
        assertRefused(
                "SELECT * { BIND(<http://www.w3.org/2005/xpath-functions#apply>(\"x\") AS ?x) }",
                SparqlException.Kind.UNSUPPORTED,
                "#apply> is not available");
        assertRefused(
                "SELECT * { BIND(<http://jena.apache.org/ARQ/function#sprintf>(\"%s\", \"x\") AS ?x) }",
                SparqlException.Kind.UNSUPPORTED, "#sprintf> is not available");
        assertRefused(
                "SELECT * { BIND(CALL(<java:org.apache.jena.sparql.function.library.FN_Matches>, \"a\", \"a\") AS ?x) }",
                SparqlException.Kind.UNSUPPORTED,
                "CALL");
        assertRefused(
                "SELECT (AGG <java:org.example.Agg>(?o) AS ?x) { ?s ?p ?o }",
                SparqlException.Kind.UNSUPPORTED,
                "org.example.Agg> is not available");
    }

    @Test
    void propertyFunctionsAreRefused() {
        String pattern = "\"" + "a".repeat(29) + "\"";
        for (String query : List.of(
                "SELECT * { ?x <http://jena.apache.org/ARQ/property#strSplit> (" + pattern + " \"^(a+)+(\\\\1)?b$\") }",
                "PREFIX apf: <http://jena.apache.org/ARQ/property#> SELECT * { ?x apf:strSplit (\"a,b\" \",\") }",
                "SELECT * { ?s <java:org.apache.jena.sparql.pfunction.library.strSplit> (\"a,b\" \",\") }",
                "SELECT * { ?s ?p ?o OPTIONAL { ?o <http://jena.apache.org/ARQ/list#member>/^<urn:x> ?m } }",
                "ASK { FILTER NOT EXISTS { ?x <http://jena.apache.org/ARQ/property#strSplit> (\"a\" \",\") } }")) {
            assertRefused(query, SparqlException.Kind.UNSUPPORTED, "property function");
        }
    }

    @Test
    void sparqlFunctionsCastsAndTheReviewedExtensionsAnswer() {
        SparqlResult.Rows rows = (SparqlResult.Rows) run("""
                PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                PREFIX fn: <http://www.w3.org/2005/xpath-functions#>
                PREFIX math: <http://www.w3.org/2005/xpath-functions/math#>
                SELECT ?i ?l ?s ?m ?y {
                  BIND(xsd:integer("42") + 1 AS ?i)
                  BIND(math:log10(1000) AS ?l)
                  BIND(fn:string-length("grokking") AS ?s)
                  BIND(fn:matches("grokking", "^gro") AS ?m)
                  BIND(YEAR("2024-05-01T00:00:00Z"^^xsd:dateTime) AS ?y)
                }""");
        var row = rows.rows().next();

        assertThat(row.get("i").getLiteralLexicalForm()).isEqualTo("43");
        assertThat(Double.parseDouble(row.get("l").getLiteralLexicalForm())).isEqualTo(3.0);
        assertThat(row.get("s").getLiteralLexicalForm()).isEqualTo("8");
        assertThat(row.get("m").getLiteralLexicalForm()).isEqualTo("true");
        assertThat(row.get("y").getLiteralLexicalForm()).isEqualTo("2024");
    }
}
