package org.physicsofai.atlas.web.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.ImportProgress;
import org.physicsofai.atlas.importers.ImportReport;
import org.physicsofai.atlas.importers.ImportRequest;
import org.physicsofai.atlas.importers.Importer;
import org.physicsofai.atlas.importers.ObservableMapping;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.web.AtlasWebTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SPARQL 1.1 Protocol as off-the-shelf clients speak it, each with its defaults: SPARQLWrapper
 * and rdflib (Debian's packages, run as a Python script against this application) and Jena's
 * RDFConnection; the one vocabulary of formats of {@code /sparql}, {@code /id} and {@code
 * /ontology}; cut answers; cross-origin reading.
 */
class ProtocolTest extends AtlasWebTest {

    private static final String GROKKING = "https://w3id.org/physics-of-ai/id/phenomenon/grokking";
    private static final String PHENOMENA =
            "SELECT ?p WHERE { ?p a <https://w3id.org/physics-of-ai/atlas#Phenomenon> }";
    private static final String GROKKING_TRIPLES = "CONSTRUCT WHERE { <" + GROKKING + "> ?p ?o }";
    private static final String EVERYTHING = "SELECT * { ?s ?p ?o }";
    private static final List<String> PYTHON_MODULES = List.of("SPARQLWrapper", "rdflib", "pandas", "matplotlib");

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Importer importer;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Graph parse(String body, Lang lang) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).parse(graph);
        return graph;
    }

    private static boolean knowsGrokking(Graph graph) {
        return graph.contains(NodeFactory.createURI(GROKKING), SKOS.prefLabel.asNode(), org.apache.jena.graph.Node.ANY);
    }

    /**
     * A Python 3 that has Debian's python3-sparqlwrapper, python3-rdflib, python3-pandas and
     * python3-matplotlib (the CI script installs them), or null.
     */
    static String python() throws IOException, InterruptedException {
        String imports = "import " + String.join(", ", PYTHON_MODULES);
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process check = new ProcessBuilder(candidate, "-c", imports)
                        .redirectErrorStream(true)
                        .start();
                check.getInputStream().readAllBytes();
                if (check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not installed here; try the next one
            }
        }
        return null;
    }

    /** Runs a Python script with the Atlas's address as its argument; its output, or a failure with it. */
    static String runPython(Path script, int port, String... arguments) throws Exception {
        String python = python();
        assumeTrue(
                python != null,
                "No python3 with " + PYTHON_MODULES + " (Debian: apt-get install python3-sparqlwrapper "
                        + "python3-rdflib python3-pandas python3-matplotlib; .ci/run installs them)");
        Path output = Files.createTempFile("atlas-python", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(python, script.toString(), "http://localhost:" + port));
            command.addAll(List.of(arguments));
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("MPLBACKEND", "Agg");
            Process process = builder.start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String text = Files.readString(output);
            assertThat(finished)
                    .as("%s finished within 5 minutes:%n%s", script, text)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("%s exit status:%n%s", script, text)
                    .isZero();
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void sparqlWrapperAndRdflibWorkWithTheirDefaults() throws Exception {
        String output = runPython(Path.of("src/test/resources/protocol/python_clients.py"), port);

        assertThat(output).containsPattern("\\d+ checks passed");
    }

    @Test
    void theExampleScriptsRunAgainstTheAtlas() throws Exception {
        Path log = Files.createTempDirectory("protocol-example").resolve("example-run.csv");
        StringBuilder csv = new StringBuilder("step,train_loss,wall_time\n");
        for (int i = 0; i < 400; i++) {
            csv.append(i * 10)
                    .append(',')
                    .append(2.5 * Math.exp(-i / 120.0) + 0.1)
                    .append(',')
                    .append(new java.math.BigDecimal("1628697792.09").add(java.math.BigDecimal.valueOf(i)))
                    .append('\n');
        }
        Files.writeString(log, csv);
        ImportReport report = importer.run(
                new ImportRequest(
                        List.of(ImportRequest.Source.of(log)),
                        ImportFormat.parse(null),
                        "protocol example",
                        new ObservableMapping(Map.of()),
                        AgentRef.CURATORS,
                        true),
                ImportProgress.NONE);
        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        String series = report.series().getFirst();

        String chinchilla = runPython(
                Path.of("../docs/examples/chinchilla_fits.py"),
                port,
                Files.createTempFile("fits", ".png").toString());
        String entity = runPython(Path.of("../docs/examples/entity_and_ontology.py"), port);
        String curve = runPython(Path.of("../docs/examples/run_series.py"), port);
        String seriesCsv = get("/api/series/" + series.substring(series.lastIndexOf('/') + 1) + "?format=csv")
                .body();

        assertThat(chinchilla).contains("Besiroglu").contains("fits plotted");
        assertThat(entity).contains("grokking is a Phenomenon");
        assertThat(curve).contains("lowest");
        assertThat(seriesCsv.lines().skip(1).findFirst()).contains("0,2.6,1628697792.09");
    }

    @Test
    void jenaRdfConnectionWorksWithItsDefaults() {
        List<String> phenomena = new ArrayList<>();
        boolean asked;
        Model constructed;
        Model described;
        try (RDFConnection connection = RDFConnectionRemote.service("http://localhost:" + port + "/sparql")
                .build()) {
            connection.querySelect(
                    PHENOMENA, row -> phenomena.add(row.getResource("p").getURI()));
            asked = connection.queryAsk("ASK { <" + GROKKING + "> ?p ?o }");
            constructed = connection.queryConstruct(GROKKING_TRIPLES);
            described = connection.queryDescribe("DESCRIBE <" + GROKKING + ">");
        }

        assertThat(phenomena).contains(GROKKING);
        assertThat(asked).isTrue();
        assertThat(knowsGrokking(constructed.getGraph())).isTrue();
        assertThat(knowsGrokking(described.getGraph())).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        // SPARQLWrapper repeats its short name in format, output and results, with the media type after it
        "format=tsv&format=text/tab-separated-values&output=tsv&results=tsv, text/tab-separated-values",
        "format=xml&output=xml&results=xml, application/sparql-results+xml",
        "format=json&output=json&results=json, application/sparql-results+json",
        "output=csv, text/csv",
        "results=application/sparql-results%2Bxml, application/sparql-results+xml",
        "format=text/csv, text/csv",
        "format=SRJ, application/sparql-results+json",
        "format=unknown&format=csv, text/csv"
    })
    void resultFormatsAreNamedByShortNameOrMediaTypeRepeatedOrNot(String parameters, String type) throws Exception {
        HttpResponse<String> response = get("/sparql?" + parameters + "&query=" + encode(PHENOMENA));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(type));
    }

    @ParameterizedTest
    @CsvSource({
        "format=xml, application/rdf+xml, RDFXML",
        "format=rdf%2Bxml&format=application/rdf%2Bxml, application/rdf+xml, RDFXML",
        "format=rdf, application/rdf+xml, RDFXML",
        "format=n3, text/turtle, TURTLE",
        "format=json, application/ld+json, JSONLD",
        "format=json-ld, application/ld+json, JSONLD",
        "format=nt, application/n-triples, NTRIPLES",
        "format=ttl, text/turtle, TURTLE"
    })
    void graphFormatsMeanTheSameOnTheEndpointAnEntityAndTheOntology(String parameters, String type, String lang)
            throws Exception {
        Lang language = switch (lang) {
            case "RDFXML" -> Lang.RDFXML;
            case "JSONLD" -> Lang.JSONLD;
            case "NTRIPLES" -> Lang.NTRIPLES;
            default -> Lang.TURTLE;
        };
        for (String path : List.of(
                "/sparql?" + parameters + "&query=" + encode(GROKKING_TRIPLES),
                "/id/phenomenon/grokking?" + parameters,
                "/ontology?" + parameters)) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(t -> assertThat(t).startsWith(type));
            Graph graph = parse(response.body(), language);
            assertThat(graph.size()).as(path).isPositive();
            if (!path.startsWith("/ontology")) {
                assertThat(knowsGrokking(graph)).as(path).isTrue();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'text/plain, */*;q=0.1', application/n-triples, NTRIPLES",
        "'text/n3, */*;q=0.1', text/turtle, TURTLE",
        "'text/turtle,application/x-turtle, */*;q=0.1', text/turtle, TURTLE",
        "'application/ld+json, application/json;q=0.9, */*;q=0.1', application/ld+json, JSONLD",
        "'application/rdf+xml,text/rdf+n3;q=0.9,application/xhtml+xml;q=0.5, */*;q=0.1', application/rdf+xml, RDFXML",
        "application/json, application/ld+json, JSONLD",
        "'application/sparql-results+xml, application/rdf+xml', application/rdf+xml, RDFXML"
    })
    void graphsFollowTheAcceptHeadersRdfClientsSend(String accept, String type, String lang) throws Exception {
        Lang language = switch (lang) {
            case "RDFXML" -> Lang.RDFXML;
            case "JSONLD" -> Lang.JSONLD;
            case "NTRIPLES" -> Lang.NTRIPLES;
            default -> Lang.TURTLE;
        };
        for (String path : List.of("/id/phenomenon/grokking", "/sparql?query=" + encode(GROKKING_TRIPLES))) {
            HttpResponse<String> response = get(path, "Accept", accept);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(t -> assertThat(t).startsWith(type));
            assertThat(knowsGrokking(parse(response.body(), language))).as(path).isTrue();
        }
    }

    @Test
    void turtleUsesAtPrefixDirectivesThatEveryParserReads() throws Exception {
        for (String path : List.of(
                "/id/phenomenon/grokking?format=turtle",
                "/id/phenomenon/grokking?format=n3",
                "/ontology?format=ttl",
                "/sparql?format=n3&query="
                        + encode("CONSTRUCT { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o }"
                                + " WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o } LIMIT 3"))) {
            String body = get(path).body();

            assertThat(body).as(path).doesNotContainPattern("(?im)^\\s*PREFIX\\s");
            if (!path.startsWith("/sparql")) {
                assertThat(body).as(path).contains("@prefix");
            }
        }
    }

    @Test
    void aPublishedConstantReadsBackAsWritten() throws Exception {
        String a = "https://w3id.org/physics-of-ai/id/parameter/besiroglu2024-chinchilla-refit-A";
        String rate = "https://w3id.org/physics-of-ai/id/config/liu2022eff-pd-lr01-wd00-lr";
        String query = "SELECT ?a ?rate WHERE { <" + a + "> <https://w3id.org/physics-of-ai/atlas#value> ?a . <" + rate
                + "> <https://w3id.org/physics-of-ai/atlas#configValue> ?rate }";
        HttpResponse<String> json = get("/sparql?query=" + encode(query), "Accept", "application/sparql-results+json");
        HttpResponse<String> csv = get("/sparql?format=csv&query=" + encode(query));
        String ntriples =
                get("/id/parameter/besiroglu2024-chinchilla-refit-A?format=nt").body();
        String turtle = get("/sparql?format=ttl&query=" + encode("DESCRIBE <" + rate + ">"))
                .body();

        var row = ResultSetMgr.read(
                        new ByteArrayInputStream(json.body().getBytes(StandardCharsets.UTF_8)), ResultSetLang.RS_JSON)
                .next();
        assertThat(row.getLiteral("a").getLexicalForm()).isEqualTo("482.01");
        assertThat(row.getLiteral("a").getDatatypeURI()).endsWith("#double");
        assertThat(row.getLiteral("rate").getLexicalForm()).isEqualTo("0.00015848931924611142");
        assertThat(csv.body()).contains("482.01,0.00015848931924611142");
        assertThat(ntriples).contains("\"482.01\"^^<http://www.w3.org/2001/XMLSchema#double>");
        assertThat(turtle).contains("\"0.00015848931924611142\"^^").doesNotContain("E-4");
    }

    @Test
    void aRefusedFormatIsNamedWithWhatIsOffered() throws Exception {
        HttpResponse<String> byParameter =
                get("/sparql?format=xlsx&output=xlsx&query=" + encode(GROKKING_TRIPLES), "Accept", "*/*");
        HttpResponse<String> byHeader = get("/id/phenomenon/grokking", "Accept", "image/png");
        HttpResponse<String> resultsForAnEntity = get("/id/phenomenon/grokking?format=csv");

        assertThat(byParameter.statusCode()).isEqualTo(406);
        assertThat(byParameter.body())
                .contains("format=xlsx")
                .contains("turtle")
                .contains("application/rdf+xml")
                .contains("format (or output, results) parameter");
        assertThat(byHeader.statusCode()).isEqualTo(406);
        assertThat(byHeader.body()).contains("Accept: image/png").contains("text/turtle");
        assertThat(resultsForAnEntity.statusCode()).isEqualTo(406);
        assertThat(resultsForAnEntity.body()).contains("format=csv").contains("ntriples");
    }

    @Test
    void aCutAnswerSaysSoInsideTheDocument() throws Exception {
        HttpResponse<String> json = get("/sparql?query=" + encode(EVERYTHING), "Accept", "application/json");
        HttpResponse<String> xml = get("/sparql?format=xml&query=" + encode(EVERYTHING));
        HttpResponse<String> whole = get("/sparql?query=" + encode(PHENOMENA), "Accept", "application/json");

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"link\":[\"http://localhost:" + port + "/sparql#truncated-at-500-rows\"]");
        assertThat(ResultSetMgr.read(
                                new ByteArrayInputStream(json.body().getBytes(StandardCharsets.UTF_8)),
                                ResultSetLang.RS_JSON)
                        .rewindable()
                        .size())
                .isEqualTo(500);
        assertThat(xml.body()).contains("<link href=\"http://localhost:" + port + "/sparql#truncated-at-500-rows\"/>");
        assertThat(ResultSetMgr.read(
                                new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)),
                                ResultSetLang.RS_XML)
                        .rewindable()
                        .size())
                .isEqualTo(500);
        assertThat(whole.body()).doesNotContain("\"link\"");
    }

    @Test
    void aCutAnswerWithNoRoomToSaySoIsSentOnlyWhenAccepted() throws Exception {
        HttpResponse<String> csv = get("/sparql?format=csv&query=" + encode(EVERYTHING));
        HttpResponse<String> graph = get("/sparql?query=" + encode("CONSTRUCT WHERE { ?s ?p ?o }"));
        HttpResponse<String> accepted = get("/sparql?format=csv&truncate=yes&query=" + encode(EVERYTHING));

        assertThat(csv.statusCode()).isEqualTo(422);
        assertThat(csv.body()).contains("more than 500 rows").contains("truncate=yes");
        assertThat(graph.statusCode()).isEqualTo(422);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("Atlas-Results-Truncated")).contains("max-rows=500");
        assertThat(accepted.body().lines().count()).isEqualTo(501); // header line and 500 rows
    }

    @Test
    void anotherOriginMayReadButNeverWrite() throws Exception {
        String origin = "https://notebook.example";
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sparql"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> query =
                get("/sparql?query=" + encode(PHENOMENA), "Origin", origin, "Accept", "application/json");
        List<String> reads = List.of(
                "/id/phenomenon/grokking",
                "/ontology",
                "/api/search?q=grokking",
                "/downloads",
                "/api/why?claim=" + encode(GROKKING));

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(m -> assertThat(m).contains("POST"));
        assertThat(query.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(query.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        for (String path : reads) {
            assertThat(get(path, "Origin", origin).headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .contains("*");
        }
        for (String path : List.of("/api/contributions", "/submit/claim", "/api/imports", "/login", "/review")) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "POST")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(path)
                    .isEmpty();
        }
        assertThat(get("/account", "Origin", origin).headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
    }
}
