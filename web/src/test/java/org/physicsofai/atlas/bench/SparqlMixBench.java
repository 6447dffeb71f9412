package org.physicsofai.atlas.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

/**
 * A mix of SPARQL queries over HTTP, sent by the same client to the Atlas's endpoint and to Fuseki
 * serving a TDB2 copy of the same data. The two answer each query in turn (which goes first
 * alternates); the answers must have the same number of rows.
 */
public final class SparqlMixBench {

    private static final String PREFIXES = """
            PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX b: <%s>
            """.formatted(SyntheticGraph.BASE);

    /** The mix: lookups, joins along evidence, text filters, aggregates; named for the report. */
    static Map<String, String> queries(int entities) {
        SyntheticGraph graph = new SyntheticGraph(entities, 42);
        int claim = graph.count(SyntheticGraph.Kind.CLAIM) / 3;
        int run = graph.count(SyntheticGraph.Kind.RUN) / 2;
        Map<String, String> mix = new LinkedHashMap<>();
        mix.put("describe a claim", "SELECT ?p ?o WHERE { <b:claim/%d> ?p ?o }".formatted(claim));
        mix.put("evidence of a popular claim with runs and experiments", """
                SELECT ?obs ?stance ?run ?exp WHERE {
                  VALUES ?stance { atlas:supports atlas:disputes }
                  ?obs ?stance <b:claim/0> ; atlas:run ?run . ?run atlas:partOf ?exp } LIMIT 200""");
        mix.put("claims about a phenomenon with certainty and source", """
                SELECT ?c ?text ?certainty ?source WHERE {
                  ?c atlas:about <b:phenomenon/1> ; atlas:statement ?text ; atlas:certainty ?certainty ;
                     atlas:source ?source } LIMIT 200""");
        mix.put("phenomena whose label contains a word", """
                SELECT ?s ?label WHERE { ?s a atlas:Phenomenon ; skos:prefLabel ?label
                  FILTER(STRSTARTS(STR(?s), STR(b:)) && CONTAINS(LCASE(?label), "grokking")) } LIMIT 100""");
        mix.put("experiments with most runs", """
                SELECT ?exp (COUNT(?run) AS ?runs) WHERE { ?run a atlas:Run ; atlas:partOf ?exp
                  FILTER(STRSTARTS(STR(?run), STR(b:))) } GROUP BY ?exp ORDER BY DESC(?runs) ?exp LIMIT 10""");
        mix.put("highest values of an observable", """
                SELECT ?o ?v WHERE { ?o atlas:observable <b:observable/0> ; atlas:value ?v FILTER(?v > 0.9) }
                ORDER BY DESC(?v) ?o LIMIT 20""");
        mix.put("what a run shows, through its observations", """
                SELECT DISTINCT ?phenomenon WHERE { ?obs atlas:run <b:run/%d> ; atlas:indicates ?phenomenon }""".formatted(run));
        mix.put("entities per class", """
                SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), STR(b:))) }
                GROUP BY ?type ORDER BY ?type""");
        mix.replaceAll((name, text) -> PREFIXES + text.replace("<b:", "<" + SyntheticGraph.BASE));
        return mix;
    }

    private SparqlMixBench() {}

    /**
     * @param atlasEndpoint the Atlas's /sparql URL, already serving the graph in {@code nTriples}
     */
    public static Report run(String atlasEndpoint, Path nTriples, Path work, int entities, int rounds)
            throws IOException, InterruptedException {
        DatasetGraph copy =
                DatabaseMgr.connectDatasetGraph(work.resolve("fuseki-tdb2").toString());
        DataLoader loader = LoaderFactory.basicLoader(copy, (format, args) -> {});
        loader.startBulk();
        loader.load(nTriples.toString());
        loader.finishBulk();
        FusekiServer fuseki = FusekiServer.create()
                .port(0)
                .loopback(true)
                .add("/ds", copy)
                .build()
                .start();
        try {
            String fusekiEndpoint = "http://localhost:" + fuseki.getPort() + "/ds/sparql";
            return measure(atlasEndpoint, fusekiEndpoint, queries(entities), rounds, entities);
        } finally {
            fuseki.stop();
            org.apache.jena.tdb2.sys.TDBInternal.expel(copy);
        }
    }

    private static Report measure(
            String atlasEndpoint, String fusekiEndpoint, Map<String, String> mix, int rounds, int entities)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        List<String> names = new ArrayList<>(mix.keySet());
        Map<String, Samples> atlasPerQuery = new LinkedHashMap<>();
        Map<String, Samples> fusekiPerQuery = new LinkedHashMap<>();
        Samples atlasP50 = new Samples();
        Samples fusekiP50 = new Samples();
        Samples atlasP95 = new Samples();
        Samples fusekiP95 = new Samples();
        int warmup = 2;
        int order = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            Samples atlasRound = new Samples();
            Samples fusekiRound = new Samples();
            for (String name : names) {
                String query = mix.get(name);
                boolean atlasFirst = order++ % 2 == 0;
                double[] atlas = new double[2];
                double[] fuseki = new double[2];
                if (atlasFirst) {
                    atlas = ask(client, atlasEndpoint, query);
                    fuseki = ask(client, fusekiEndpoint, query);
                } else {
                    fuseki = ask(client, fusekiEndpoint, query);
                    atlas = ask(client, atlasEndpoint, query);
                }
                if (atlas[1] != fuseki[1]) {
                    throw new IllegalStateException("The Atlas answered " + (long) atlas[1] + " rows and Fuseki "
                            + (long) fuseki[1] + " to the query '" + name + "'");
                }
                if (round >= warmup) {
                    atlasRound.add(atlas[0]);
                    fusekiRound.add(fuseki[0]);
                    atlasPerQuery.computeIfAbsent(name, n -> new Samples()).add(atlas[0]);
                    fusekiPerQuery.computeIfAbsent(name, n -> new Samples()).add(fuseki[0]);
                }
            }
            if (round >= warmup) {
                atlasP50.add(atlasRound.median());
                fusekiP50.add(fusekiRound.median());
                atlasP95.add(atlasRound.p95());
                fusekiP95.add(fusekiRound.p95());
            }
        }
        Report report = new Report(
                        "SPARQL query mix over HTTP",
                        "Fuseki (jena-fuseki-main, in-process) over a TDB2 copy loaded by the basic loader",
                        String.format(
                                "%,d entities, %d queries x %d rounds after %d warm-up rounds",
                                entities, names.size(), rounds, warmup))
                .row(new Report.Row("p50 of the mix per round", "ms", atlasP50, fusekiP50, "<= 1.1", 1.1, false))
                .row(new Report.Row("p95 of the mix per round", "ms", atlasP95, fusekiP95, "", 0, false));
        for (String name : names) {
            Samples a = atlasPerQuery.get(name);
            Samples f = fusekiPerQuery.get(name);
            report.note(String.format(
                    "%s: Atlas p50 %s ms (p95 %s), Fuseki p50 %s ms (p95 %s)",
                    name, Report.fmt(a.median()), Report.fmt(a.p95()), Report.fmt(f.median()), Report.fmt(f.p95())));
        }
        return report;
    }

    /** Sends a query; answers the milliseconds until the whole answer was read, and its row count. */
    private static double[] ask(HttpClient client, String endpoint, String query)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Accept", "application/sparql-results+json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60))
                .build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        ResultSet rows = ResultSetMgr.read(new ByteArrayInputStream(response.body()), ResultSetLang.RS_JSON);
        long count = 0;
        while (rows.hasNext()) {
            rows.next();
            count++;
        }
        return new double[] {millis, count};
    }
}
