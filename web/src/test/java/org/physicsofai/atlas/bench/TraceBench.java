package org.physicsofai.atlas.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDFBase;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.trace.InStoreEvidenceTracer;
import org.physicsofai.atlas.trace.TraceRequest;
import org.physicsofai.atlas.trace.TraceResult;
import org.physicsofai.atlas.trace.TraversableLinks;

/**
 * Evidence traces between pairs of nodes at known distances (2 to 6 hops): the Atlas's tracer over a
 * TDB2 store holding the synthetic graph as one accepted contribution, against Neo4j's {@code
 * shortestPath} over Bolt on the same links, loaded with the Java driver (batched {@code UNWIND} with
 * parameters). The distances come from a breadth-first search over the same links; both sides must
 * find a path of exactly that length.
 */
public final class TraceBench {

    private static final String SHORTEST = """
            MATCH (a:N {iri: $from}), (b:N {iri: $to})
            MATCH p = shortestPath((a)-[:LINK*..6]-(b))
            RETURN length(p) AS hops""";

    private TraceBench() {}

    /** The traversable links of the graph, as node numbers and predicates. */
    record Links(List<String> nodes, int[] from, int[] to, String[] predicate, int[][] neighbours) {}

    static Links links(Path nTriples) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> nodes = new ArrayList<>();
        List<int[]> pairs = new ArrayList<>();
        List<String> predicates = new ArrayList<>();
        RDFParser.source(nTriples).lang(Lang.NTRIPLES).parse(new StreamRDFBase() {
            @Override
            public void triple(Triple triple) {
                String p = triple.getPredicate().getURI();
                if (triple.getObject().isURI() && TraversableLinks.traversable(p)) {
                    int s = ids.computeIfAbsent(triple.getSubject().getURI(), iri -> add(nodes, iri));
                    int o = ids.computeIfAbsent(triple.getObject().getURI(), iri -> add(nodes, iri));
                    pairs.add(new int[] {s, o});
                    predicates.add(p);
                }
            }
        });
        int[] from = new int[pairs.size()];
        int[] to = new int[pairs.size()];
        int[] degree = new int[nodes.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = pairs.get(i)[0];
            to[i] = pairs.get(i)[1];
            degree[from[i]]++;
            degree[to[i]]++;
        }
        int[][] neighbours = new int[nodes.size()][];
        for (int n = 0; n < degree.length; n++) {
            neighbours[n] = new int[degree[n]];
            degree[n] = 0;
        }
        for (int i = 0; i < from.length; i++) {
            neighbours[from[i]][degree[from[i]]++] = to[i];
            neighbours[to[i]][degree[to[i]]++] = from[i];
        }
        return new Links(nodes, from, to, predicates.toArray(String[]::new), neighbours);
    }

    private static int add(List<String> nodes, String iri) {
        nodes.add(iri);
        return nodes.size() - 1;
    }

    /** Pairs at exactly each distance: a random node and a random node of its BFS layer at that depth. */
    static Map<Integer, List<int[]>> pairs(Links links, int perDistance, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, List<int[]>> pairs = new HashMap<>();
        int n = links.nodes().size();
        int[] depth = new int[n];
        int attempts = 0;
        while (pairs.values().stream().mapToInt(List::size).sum() < 5 * perDistance && attempts++ < 50 * perDistance) {
            int start = random.nextInt(n);
            java.util.Arrays.fill(depth, -1);
            depth[start] = 0;
            int[] queue = new int[n];
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            List<List<Integer>> layers = new ArrayList<>();
            for (int d = 0; d <= 6; d++) {
                layers.add(new ArrayList<>());
            }
            while (head < tail) {
                int node = queue[head++];
                if (depth[node] == 6) {
                    continue;
                }
                for (int next : links.neighbours()[node]) {
                    if (depth[next] < 0) {
                        depth[next] = depth[node] + 1;
                        layers.get(depth[next]).add(next);
                        queue[tail++] = next;
                    }
                }
            }
            for (int d = 2; d <= 6; d++) {
                List<int[]> at = pairs.computeIfAbsent(d, k -> new ArrayList<>());
                if (at.size() < perDistance && !layers.get(d).isEmpty()) {
                    at.add(new int[] {
                        start, layers.get(d).get(random.nextInt(layers.get(d).size()))
                    });
                }
            }
        }
        return pairs;
    }

    public static Report run(Path work, int entities, int pairsPerDistance, int rounds) throws IOException {
        Path file = work.resolve("graph-" + entities + ".nt");
        new SyntheticGraph(entities, 42).writeNTriples(file);
        Links links = links(file);
        Map<Integer, List<int[]>> pairs = pairs(links, pairsPerDistance, 7);
        List<String> notes = new ArrayList<>();
        try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(work.resolve("trace-tdb2"), AtlasOntology.ID_BASE)) {
            long start = System.nanoTime();
            BenchApp.load(new ContributionService(store), file);
            InStoreEvidenceTracer tracer = new InStoreEvidenceTracer(store);
            notes.add(String.format(
                    Locale.ROOT,
                    "Atlas: graph stored and tracer view read in %.1f s (%,d links)",
                    (System.nanoTime() - start) / 1e9,
                    tracer.links()));
            try (Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(work.resolve("neo4j"))
                            .withDisabledServer()
                            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                            .withConfig(
                                    GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                            .withConfig(GraphDatabaseSettings.pagecache_memory, 512L << 20)
                            .build();
                    Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
                    Session session = driver.session()) {
                start = System.nanoTime();
                loadNeo4j(session, links);
                notes.add(String.format(
                        Locale.ROOT,
                        "Neo4j: %,d nodes and %,d relationships loaded over Bolt in %.1f s",
                        links.nodes().size(),
                        links.from().length,
                        (System.nanoTime() - start) / 1e9));
                return measure(tracer, session, links, pairs, rounds, entities, notes);
            }
        }
    }

    private static void loadNeo4j(Session session, Links links) {
        session.run("CREATE INDEX n_iri IF NOT EXISTS FOR (n:N) ON (n.iri)").consume();
        session.run("CALL db.awaitIndexes(300)").consume();
        int batch = 10_000;
        List<String> nodes = links.nodes();
        for (int i = 0; i < nodes.size(); i += batch) {
            List<String> part = nodes.subList(i, Math.min(nodes.size(), i + batch));
            session.executeWrite(tx -> tx.run("UNWIND $iris AS iri CREATE (:N {iri: iri})", Map.of("iris", part))
                    .consume());
        }
        for (int i = 0; i < links.from().length; i += batch) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int j = i; j < Math.min(links.from().length, i + batch); j++) {
                rows.add(Map.of(
                        "s", nodes.get(links.from()[j]), "o", nodes.get(links.to()[j]), "p", links.predicate()[j]));
            }
            session.executeWrite(tx -> tx.run("""
                            UNWIND $rows AS row
                            MATCH (a:N {iri: row.s}) MATCH (b:N {iri: row.o})
                            CREATE (a)-[:LINK {p: row.p}]->(b)""", Map.of("rows", rows)).consume());
        }
    }

    private static Report measure(
            InStoreEvidenceTracer tracer,
            Session session,
            Links links,
            Map<Integer, List<int[]>> pairs,
            int rounds,
            int entities,
            List<String> notes) {
        Map<Integer, Samples> atlasP95 = new HashMap<>();
        Map<Integer, Samples> neo4jP95 = new HashMap<>();
        Map<Integer, Samples> atlasOneP95 = new HashMap<>();
        Map<Integer, Samples> atlasAll = new HashMap<>();
        Map<Integer, Samples> neo4jAll = new HashMap<>();
        int disagreements = 0;
        int order = 0;
        int warmup = 1;
        for (int round = 0; round < warmup + rounds; round++) {
            for (int d = 2; d <= 6; d++) {
                Samples atlas = new Samples();
                Samples atlasOne = new Samples();
                Samples neo4j = new Samples();
                for (int[] pair : pairs.getOrDefault(d, List.of())) {
                    String from = links.nodes().get(pair[0]);
                    String to = links.nodes().get(pair[1]);
                    TraceRequest five = TraceRequest.between(from, to);
                    TraceRequest one = new TraceRequest(
                            from, to, 1, TraceRequest.DEFAULT_MAX_HOPS, java.util.Set.of(), java.util.Set.of());
                    int[] hops = new int[3];
                    Runnable atlasTrace = () -> hops[0] = shortest(tracer.trace(five));
                    Runnable atlasOneTrace = () -> hops[1] = shortest(tracer.trace(one));
                    Runnable neo4jTrace = () -> hops[2] = session.run(SHORTEST, Map.of("from", from, "to", to))
                            .single()
                            .get("hops")
                            .asInt();
                    double a;
                    double n;
                    if (order++ % 2 == 0) {
                        a = Samples.millis(atlasTrace);
                        n = Samples.millis(neo4jTrace);
                    } else {
                        n = Samples.millis(neo4jTrace);
                        a = Samples.millis(atlasTrace);
                    }
                    double a1 = Samples.millis(atlasOneTrace);
                    if (hops[0] != d || hops[1] != d || hops[2] != d) {
                        disagreements++;
                    }
                    atlas.add(a);
                    atlasOne.add(a1);
                    neo4j.add(n);
                }
                if (round >= warmup && atlas.size() > 0) {
                    atlasP95.computeIfAbsent(d, k -> new Samples()).add(atlas.p95());
                    atlasOneP95.computeIfAbsent(d, k -> new Samples()).add(atlasOne.p95());
                    neo4jP95.computeIfAbsent(d, k -> new Samples()).add(neo4j.p95());
                    atlasAll.computeIfAbsent(d, k -> new Samples()).addAll(atlas);
                    neo4jAll.computeIfAbsent(d, k -> new Samples()).addAll(neo4j);
                }
            }
        }
        Report report = new Report(
                "Evidence traces",
                "Neo4j (harness, in-process, Bolt) shortestPath((a)-[:LINK*..6]-(b)) with the Java driver",
                String.format(
                        "%,d entities, %,d nodes, %,d links; %d pairs per distance x %d rounds after %d warm-up round",
                        entities,
                        links.nodes().size(),
                        links.from().length,
                        pairs.getOrDefault(4, List.of()).size(),
                        rounds,
                        warmup));
        for (int d = 2; d <= 6; d++) {
            if (atlasP95.containsKey(d)) {
                report.row(new Report.Row(
                        "p95 at " + d + " hops, Atlas 5 ranked paths",
                        "ms",
                        atlasP95.get(d),
                        neo4jP95.get(d),
                        "<= 1.0",
                        1.0,
                        false));
            }
        }
        for (int d = 2; d <= 6; d++) {
            if (atlasOneP95.containsKey(d)) {
                report.row(new Report.Row(
                        "p95 at " + d + " hops, Atlas 1 path",
                        "ms",
                        atlasOneP95.get(d),
                        neo4jP95.get(d),
                        "",
                        0,
                        false));
            }
        }
        for (int d = 2; d <= 6; d++) {
            if (atlasAll.containsKey(d)) {
                report.note(String.format(
                        "%d hops, all rounds: Atlas (5 paths) p50 %s ms, p95 %s ms; Neo4j p50 %s ms, p95 %s ms",
                        d,
                        Report.fmt(atlasAll.get(d).median()),
                        Report.fmt(atlasAll.get(d).p95()),
                        Report.fmt(neo4jAll.get(d).median()),
                        Report.fmt(neo4jAll.get(d).p95())));
            }
        }
        notes.forEach(report::note);
        report.note("Answers whose shortest path differed from the BFS distance (either side): " + disagreements);
        return report;
    }

    private static int shortest(TraceResult result) {
        return result.paths().isEmpty() ? -1 : result.paths().getFirst().hops().size();
    }
}
