package org.physicsofai.atlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.physicsofai.atlas.ontology.Atlas;

/** The whole application on a random port, over a real TDB2 store with the shipped seed loaded. */
class AtlasApplicationTest extends AtlasWebTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String GROKKING = "https://w3id.org/physics-of-ai/id/phenomenon/grokking";
    private static final String PHENOMENA =
            "SELECT ?p WHERE { ?p a <https://w3id.org/physics-of-ai/atlas#Phenomenon> } ORDER BY ?p";
    private static final String GROKKING_TRIPLES = "CONSTRUCT WHERE { <" + GROKKING + "> ?p ?o }";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String contentType, String body, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql"))
                .header("Content-Type", contentType)
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> query(String query, String accept) throws Exception {
        return get("/sparql?query=" + encode(query), accept);
    }

    private static Graph parse(String body, Lang lang) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).parse(graph);
        return graph;
    }

    private static List<String> column(ResultSet results, String variable) {
        List<String> values = new java.util.ArrayList<>();
        results.forEachRemaining(row -> values.add(row.get(variable).toString()));
        return values;
    }

    @Test
    void theHomePageCountsTheSeedKnowledge() throws Exception {
        HttpResponse<String> page = get("/", BROWSER);
        int phenomena = column(
                        ResultSetMgr.read(stream(query(PHENOMENA, "text/csv").body()), ResultSetLang.RS_CSV), "p")
                .size();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(phenomena).isGreaterThanOrEqualTo(22);
        assertThat(page.body())
                .containsPattern("data-type=\"Phenomenon\">\\s*<strong>" + phenomena
                        + "</strong>\\s*<a href=\"/phenomena\">Phenomena</a>");
        // the newest accepted contribution of people (forms, imports, the seed): the detectors' are counted apart
        String newest = null;
        java.time.Instant newestAt = java.time.Instant.MIN;
        for (String method : List.of("manual", "import", "seed")) {
            String body = get("/api/contributions?status=accepted&limit=1&method=" + method, "application/json")
                    .body();
            if (!body.contains("\"iri\"")) {
                continue;
            }
            java.time.Instant at = java.time.Instant.parse(body.replaceAll("(?s).*\"created\":\"([^\"]+)\".*", "$1"));
            if (at.isAfter(newestAt)) {
                newestAt = at;
                newest = body.replaceAll("(?s).*\"iri\":\"[^\"]*/(contribution/[^\"]+)\".*", "$1");
            }
        }
        assertThat(page.body()).contains("href=\"/id/" + newest + "\"");
        assertThat(page.body()).contains("id=\"home-detector-results\"");
    }

    @Test
    void theHomePageSpeaksChineseOnRequest() throws Exception {
        HttpResponse<String> page = get("/?lang=zh", BROWSER);

        assertThat(page.body()).contains("图谱收录").contains("lang=\"zh\"");
    }

    @Test
    void anEntityPageShowsLabelsDefinitionAndProvenance() throws Exception {
        HttpResponse<String> page = get("/id/phenomenon/grokking", BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h1>grokking</h1>").contains("顿悟");
        assertThat(page.body())
                .contains("class=\"provenance\"")
                .contains("Atlas curators")
                .contains(">seed</a>");
        assertThat(page.body()).contains("href=\"/id/observable/");
    }

    @ParameterizedTest
    @CsvSource({
        "text/turtle, TURTLE",
        "application/ld+json, JSONLD",
        "application/n-triples, NTRIPLES",
        "application/rdf+xml, RDFXML"
    })
    void anEntityIriGivesRdfByAccept(String accept, String langName) throws Exception {
        HttpResponse<String> response = get("/id/phenomenon/grokking", accept);
        Lang lang = switch (langName) {
            case "TURTLE" -> Lang.TURTLE;
            case "JSONLD" -> Lang.JSONLD;
            case "NTRIPLES" -> Lang.NTRIPLES;
            default -> Lang.RDFXML;
        };

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(accept));
        Graph graph = parse(response.body(), lang);
        assertThat(graph.contains(
                        NodeFactory.createURI(GROKKING),
                        SKOS.prefLabel.asNode(),
                        NodeFactory.createLiteralLang("grokking", "en")))
                .isTrue();
        assertThat(graph.contains(Node.ANY, Atlas.tracks.asNode(), NodeFactory.createURI(GROKKING)))
                .isTrue();
    }

    @Test
    void anUnknownEntityIsNotFoundForBrowsersAndClients() throws Exception {
        HttpResponse<String> page = get("/id/phenomenon/no-such-thing", BROWSER);
        HttpResponse<String> problem = get("/id/phenomenon/no-such-thing", "text/turtle");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<h1>404 Not Found</h1>");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(problem.body()).contains("\"status\":404").contains("no-such-thing");
    }

    @ParameterizedTest
    @CsvSource({
        "application/sparql-results+json, RS_JSON",
        "application/sparql-results+xml, RS_XML",
        "text/csv, RS_CSV",
        "text/tab-separated-values, RS_TSV"
    })
    void selectAnswersInEveryResultFormat(String accept, String langName) throws Exception {
        HttpResponse<String> response = query(PHENOMENA, accept);
        Lang lang = switch (langName) {
            case "RS_JSON" -> ResultSetLang.RS_JSON;
            case "RS_XML" -> ResultSetLang.RS_XML;
            case "RS_CSV" -> ResultSetLang.RS_CSV;
            default -> ResultSetLang.RS_TSV;
        };

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(accept));
        List<String> phenomena = column(ResultSetMgr.read(stream(response.body()), lang), "p");
        assertThat(phenomena).anySatisfy(p -> assertThat(p).contains(GROKKING));
    }

    @ParameterizedTest
    @CsvSource({"application/sparql-results+json, RS_JSON", "application/sparql-results+xml, RS_XML"})
    void askAnswersInJsonAndXml(String accept, String langName) throws Exception {
        HttpResponse<String> yes = query("ASK { <" + GROKKING + "> ?p ?o }", accept);
        HttpResponse<String> no = query("ASK { <urn:nothing> ?p ?o }", accept);
        Lang lang = langName.equals("RS_JSON") ? ResultSetLang.RS_JSON : ResultSetLang.RS_XML;

        assertThat(ResultSetMgr.readBoolean(stream(yes.body()), lang)).isTrue();
        assertThat(ResultSetMgr.readBoolean(stream(no.body()), lang)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "text/turtle, TURTLE",
        "application/n-triples, NTRIPLES",
        "application/ld+json, JSONLD",
        "application/rdf+xml, RDFXML"
    })
    void constructAnswersInEveryGraphFormat(String accept, String langName) throws Exception {
        HttpResponse<String> response = post("application/sparql-query", GROKKING_TRIPLES, accept);
        Lang lang = switch (langName) {
            case "TURTLE" -> Lang.TURTLE;
            case "JSONLD" -> Lang.JSONLD;
            case "NTRIPLES" -> Lang.NTRIPLES;
            default -> Lang.RDFXML;
        };
        Graph reference = parse(
                post("application/sparql-query", GROKKING_TRIPLES, "application/n-triples")
                        .body(),
                Lang.NTRIPLES);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(reference.size()).isGreaterThan(3);
        assertThat(parse(response.body(), lang).isIsomorphicWith(reference)).isTrue();
    }

    @Test
    void theFormParameterChoosesTheFormatForBrowsers() throws Exception {
        HttpResponse<String> csv = get("/sparql?format=csv&query=" + encode(PHENOMENA), BROWSER);

        assertThat(csv.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    }

    @Test
    void aFormPostIsAnsweredLikeAGet() throws Exception {
        HttpResponse<String> response = post(
                "application/x-www-form-urlencoded", "query=" + encode(PHENOMENA), "application/sparql-results+json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(column(ResultSetMgr.read(stream(response.body()), ResultSetLang.RS_JSON), "p"))
                .contains(GROKKING);
    }

    @Test
    void jenaRemoteClientsUseTheEndpointUnchanged() {
        String endpoint = "http://localhost:" + port + "/sparql";
        List<String> viaClient = new java.util.ArrayList<>();
        try (var exec = QueryExecHTTP.service(endpoint).query(PHENOMENA).build()) {
            exec.select().forEachRemaining(row -> viaClient.add(row.get("p").getURI()));
        }
        Graph graph;
        try (var exec = QueryExecHTTP.service(endpoint).query(GROKKING_TRIPLES).build()) {
            graph = exec.construct();
        }

        assertThat(viaClient).contains(GROKKING);
        assertThat(graph.size()).isGreaterThan(3);
    }

    @Test
    void updatesAreRefusedHowEverTheyArrive() throws Exception {
        String insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";

        List<HttpResponse<String>> attempts = List.of(
                post("application/sparql-update", insert, "application/json"),
                post("application/x-www-form-urlencoded", "update=" + encode(insert), "application/json"),
                query(insert, "application/json"));

        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).contains("read-only");
        });
        assertThat(query("ASK { <urn:a> ?p ?o }", "application/sparql-results+json")
                        .body())
                .contains("false");
    }

    @Test
    void serviceIsRefused() throws Exception {
        HttpResponse<String> response =
                query("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "application/json");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("SERVICE is not allowed");
    }

    @Test
    void aSyntaxErrorIsABadRequestWithTheParsersMessage() throws Exception {
        HttpResponse<String> response = query("SELECT * WHERE { ?s ?p }", "application/sparql-results+json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("line 1, column 24");
    }

    @Test
    void aRunawayQueryTimesOutWith503() throws Exception {
        HttpResponse<String> response = query(
                "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                "application/sparql-results+json");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("did not finish within 2 s");
    }

    @Test
    void reachingTheRowCapIsFlagged() throws Exception {
        HttpResponse<String> capped = get("/sparql?truncate=yes&query=" + encode("SELECT * { ?s ?p ?o }"), "text/csv");
        HttpResponse<String> small = query(PHENOMENA, "text/csv");

        assertThat(capped.headers().firstValue("Atlas-Results-Truncated")).contains("max-rows=500");
        assertThat(capped.body().lines().count()).isEqualTo(501); // header line and 500 rows
        assertThat(small.headers().firstValue("Atlas-Results-Truncated")).isEmpty();
    }

    @Test
    void aBrowserGetsTheQueryPageWithExamples() throws Exception {
        HttpResponse<String> page = get("/sparql", BROWSER);
        HttpResponse<String> results = get("/sparql?query=" + encode(PHENOMENA), BROWSER);
        HttpResponse<String> error = get("/sparql?query=" + encode("SELECT * { ?s ?p }"), BROWSER);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<textarea").contains("How many nodes of each kind");
        assertThat(page.body().split("class=\"examples\"")[1]).contains("</li>");
        assertThat(results.body()).contains("id=\"sparql-result\"").contains("href=\"/id/phenomenon/grokking\"");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).contains("id=\"sparql-error\"");
    }

    @Test
    void everyExampleQueryOfTheQueryPageRuns() throws Exception {
        org.springframework.core.io.Resource[] examples =
                new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                        .getResources("classpath*:atlas/queries/*.rq");

        assertThat(examples).hasSizeGreaterThanOrEqualTo(10);
        for (org.springframework.core.io.Resource example : examples) {
            String text = example.getContentAsString(StandardCharsets.UTF_8);
            String title = text.lines()
                    .findFirst()
                    .orElseThrow()
                    .replace("# title:", "")
                    .strip();
            HttpResponse<String> response = query(text, "text/csv");

            assertThat(response.statusCode()).as(example.getFilename()).isEqualTo(200);
            assertThat(response.body().lines().count())
                    .as(example.getFilename())
                    .isGreaterThan(1);
            assertThat(get("/sparql", BROWSER).body())
                    .contains(org.springframework.web.util.HtmlUtils.htmlEscape(title));
        }
    }

    @Test
    void theOntologyIsServedAsDocumentationAndAsTurtle() throws Exception {
        HttpResponse<String> page = get("/ontology", BROWSER);
        HttpResponse<String> turtle = get("/ontology", "text/turtle");
        HttpResponse<String> shapes = get("/ontology/shapes", null);

        assertThat(page.body()).contains("atlas:Phenomenon").contains("现象").contains("sosa:ObservableProperty");
        assertThat(parse(turtle.body(), Lang.TURTLE).contains(Atlas.Phenomenon.asNode(), Node.ANY, Node.ANY))
                .isTrue();
        assertThat(shapes.body()).contains("sh:NodeShape");
    }

    @Test
    void onlyHealthIsExposedOfActuator() throws Exception {
        assertThat(get("/actuator/health", "application/json").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/env", "application/json").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans", "application/json").statusCode()).isEqualTo(404);
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
