package org.physicsofai.atlas.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * The tracer's benchmark, run apart from the tests ({@code docs/benchmarks.md} says how). It builds a
 * synthetic graph with heavy-tailed degrees, picks pairs of nodes at known distances (2 to 6 hops),
 * and times side by side, on the same adjacency view and the same pairs:
 *
 * <ul>
 *   <li>the tracer's search: the 5 best paths of at most 6 hops, in the Atlas path order;
 *   <li>the baseline: a plain breadth-first search from one end until it reaches the other, giving one
 *       shortest path and no ranking.
 * </ul>
 *
 * A second part loads a smaller graph into a real TDB2 store and times the whole {@code trace()} call
 * (search, provenance of every hop from the store) against the search alone on the same graph.
 *
 * <p>Arguments: {@code nodes=1000000 links=5000000 pairs=100 storeNodes=20000 storeLinks=100000 seed=1}.
 */
public final class TraceBenchmark {

    private static final String BASE = AtlasOntology.ID_BASE + "bench/";
    private static final List<String> CLASSES = List.of(
            Atlas.Phenomenon.getURI(),
            Atlas.Observable.getURI(),
            Atlas.Experiment.getURI(),
            Atlas.Run.getURI(),
            Atlas.Observation.getURI(),
            Atlas.Claim.getURI(),
            Atlas.Law.getURI());
    private static final int K = 5;
    private static final int MAX_HOPS = 6;

    private TraceBenchmark() {}

    public static void main(String[] args) throws Exception {
        long nodes = arg(args, "nodes", 1_000_000);
        long links = arg(args, "links", 5_000_000);
        int pairs = (int) arg(args, "pairs", 100);
        long storeNodes = arg(args, "storeNodes", 20_000);
        long storeLinks = arg(args, "storeLinks", 100_000);
        long seed = arg(args, "seed", 1);

        System.out.printf(
                Locale.ROOT,
                "# Tracer benchmark%n%nJava %s, %d cores, max heap %d MiB%n%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        long before = usedHeap();
        long start = System.nanoTime();
        AdjacencyGraph graph = new AdjacencyGraph();
        generate(seed, (int) nodes, links, (s, p, o) -> graph.loadLink(s, p, o), graph::addType);
        double built = (System.nanoTime() - start) / 1e9;
        long used = usedHeap() - before;
        System.out.printf(
                Locale.ROOT,
                "## Search on the adjacency view%n%nSynthetic graph: %,d nodes, %,d links (built in %.1f s);"
                        + " the view takes %,d MiB of heap (IRIs included)%n%n",
                graph.size(),
                graph.statements(),
                built,
                used >> 20);
        searchTable(graph, pairs, seed);

        Path directory = Files.createTempDirectory("trace-benchmark");
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory, AtlasOntology.ID_BASE)) {
            Graph knowledge = GraphFactory.createDefaultGraph();
            generate(
                    seed + 1,
                    (int) storeNodes,
                    storeLinks,
                    (s, p, o) -> knowledge.add(uri(s), uri(p), uri(o)),
                    (s, t) -> knowledge.add(uri(s), RDF.type.asNode(), uri(t)));
            start = System.nanoTime();
            store.submit(new NewContribution(
                    knowledge, ContributionMethod.IMPORT, AgentRef.CURATORS, null, null, "benchmark", List.of(), true));
            double loaded = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            InStoreEvidenceTracer tracer = new InStoreEvidenceTracer(store);
            double viewed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "## Whole trace on a TDB2 store%n%nSynthetic knowledge: %,d statements in one contribution"
                            + " (stored in %.1f s; trace view read in %.1f s)%n%n",
                    knowledge.size(),
                    loaded,
                    viewed);
            storeTable(tracer, store, pairs, seed);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Receives one generated statement. */
    @FunctionalInterface
    interface Sink {
        void link(String subject, String predicate, String object);
    }

    /**
     * Nodes of random kinds, 1% of them sources that 30% of nodes cite, and links whose ends are half
     * uniform, half chosen in proportion to degree (by copying an end of an earlier link), which gives
     * hubs as real knowledge graphs have (a popular paper, a control variable every run sets).
     */
    static void generate(
            long seed, int nodes, long links, Sink sink, java.util.function.BiConsumer<String, String> types) {
        Random random = new Random(seed);
        int sources = Math.max(1, nodes / 100);
        for (int i = 0; i < nodes; i++) {
            types.accept(node(i), i < sources ? Atlas.Source.getURI() : CLASSES.get(random.nextInt(CLASSES.size())));
        }
        List<String> predicates = TraversableLinks.ALL.stream()
                .filter(p -> !p.equals(Atlas.source.getURI()))
                .toList();
        Set<Long> seen = new HashSet<>();
        int[] ends = new int[(int) Math.min(Integer.MAX_VALUE - 8, links * 2)];
        int filled = 0;
        long made = 0;
        for (int i = sources; i < nodes && made < links; i++) {
            if (random.nextInt(10) < 3) {
                int cited = 1 + random.nextInt(3);
                for (int c = 0; c < cited && made < links; c++) {
                    int s = random.nextInt(sources);
                    if (seen.add(key(i, s, 63))) {
                        sink.link(node(i), Atlas.source.getURI(), node(s));
                        made++;
                    }
                }
            }
        }
        while (made < links) {
            int a = filled > 0 && random.nextBoolean() ? ends[random.nextInt(filled)] : random.nextInt(nodes);
            int b = filled > 0 && random.nextBoolean() ? ends[random.nextInt(filled)] : random.nextInt(nodes);
            int p = random.nextInt(predicates.size());
            if (a == b || !seen.add(key(a, b, p))) {
                continue;
            }
            sink.link(node(a), predicates.get(p), node(b));
            if (filled + 2 <= ends.length) {
                ends[filled++] = a;
                ends[filled++] = b;
            }
            made++;
        }
    }

    private static long key(int a, int b, int p) {
        return ((long) a << 34) ^ ((long) b << 6) ^ p;
    }

    static String node(int i) {
        return BASE + "n" + i;
    }

    private static org.apache.jena.graph.Node uri(String iri) {
        return NodeFactory.createURI(iri);
    }

    // ---- part 1: search against a plain BFS ----

    private static void searchTable(AdjacencyGraph graph, int pairs, long seed) {
        List<int[]>[] byDistance = pairsAtDistances(graph, pairs, seed);
        LinkFilter all = LinkFilter.of(graph, Set.of(), Set.of());
        warmUp(graph, all, byDistance);
        System.out.println(
                "| distance | pairs | tracer p50 | tracer p95 | BFS p50 | BFS p95 | p95 ratio tracer / BFS |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int d = 2; d <= MAX_HOPS; d++) {
            List<int[]> list = byDistance[d];
            if (list.isEmpty()) {
                System.out.printf(Locale.ROOT, "| %d | 0 | | | | | |%n", d);
                continue;
            }
            long[] tracer = new long[list.size()];
            long[] bfs = new long[list.size()];
            for (int i = 0; i < list.size(); i++) {
                int[] pair = list.get(i);
                long t0 = System.nanoTime();
                int found = new PathSearch(graph, all)
                        .best(pair[0], pair[1], K, MAX_HOPS)
                        .size();
                long t1 = System.nanoTime();
                int length = bfs(graph, pair[0], pair[1], MAX_HOPS);
                long t2 = System.nanoTime();
                if (found == 0 || length != d) {
                    throw new IllegalStateException("Pair " + Arrays.toString(pair) + " at distance " + d
                            + ": tracer found " + found + " paths, BFS " + length + " hops");
                }
                tracer[i] = t1 - t0;
                bfs[i] = t2 - t1;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | %s | %s | %.2f |%n",
                    d,
                    list.size(),
                    ms(percentile(tracer, 50)),
                    ms(percentile(tracer, 95)),
                    ms(percentile(bfs, 50)),
                    ms(percentile(bfs, 95)),
                    (double) percentile(tracer, 95) / percentile(bfs, 95));
        }
        System.out.println();
    }

    private static void warmUp(AdjacencyGraph graph, LinkFilter all, List<int[]>[] byDistance) {
        for (int round = 0; round < 3; round++) {
            for (int d = 2; d <= 4; d++) {
                for (int[] pair : byDistance[d]) {
                    new PathSearch(graph, all).best(pair[0], pair[1], K, MAX_HOPS);
                    bfs(graph, pair[0], pair[1], MAX_HOPS);
                }
            }
        }
    }

    /** Up to {@code pairs} pairs at each distance 2..6, found by breadth-first search from random nodes. */
    @SuppressWarnings("unchecked")
    static List<int[]>[] pairsAtDistances(AdjacencyGraph graph, int pairs, long seed) {
        List<int[]>[] byDistance = new List[MAX_HOPS + 1];
        for (int d = 0; d <= MAX_HOPS; d++) {
            byDistance[d] = new ArrayList<>();
        }
        Random random = new Random(seed);
        for (int attempt = 0; attempt < pairs * 20 && !full(byDistance, pairs); attempt++) {
            int s = random.nextInt(graph.size());
            IntLongMap distance = new IntLongMap(1 << 16);
            distance.put(s, 0);
            int[] frontier = {s};
            for (int d = 1; d <= MAX_HOPS && frontier.length > 0; d++) {
                frontier = expand(graph, frontier, distance, d);
                if (byDistance[d].size() < pairs && frontier.length > 0 && d >= 2) {
                    byDistance[d].add(new int[] {s, frontier[random.nextInt(frontier.length)]});
                }
                if (frontier.length > 2_000_000) {
                    break;
                }
            }
        }
        return byDistance;
    }

    private static boolean full(List<int[]>[] byDistance, int pairs) {
        for (int d = 2; d <= MAX_HOPS; d++) {
            if (byDistance[d].size() < pairs) {
                return false;
            }
        }
        return true;
    }

    private static int[] expand(AdjacencyGraph graph, int[] frontier, IntLongMap distance, int d) {
        int[] next = new int[64];
        int count = 0;
        for (int u : frontier) {
            for (int i = 0, n = graph.degree(u); i < n; i++) {
                int v = AdjacencyGraph.neighbour(graph.entry(u, i));
                if (!distance.containsKey(v)) {
                    distance.put(v, d);
                    if (count == next.length) {
                        next = Arrays.copyOf(next, count * 2);
                    }
                    next[count++] = v;
                }
            }
        }
        return Arrays.copyOf(next, count);
    }

    /** The baseline: breadth-first search from s until t is reached; the length of the path, or -1. */
    static int bfs(AdjacencyGraph graph, int s, int t, int maxHops) {
        IntLongMap distance = new IntLongMap(1024);
        distance.put(s, 0);
        int[] frontier = {s};
        for (int d = 1; d <= maxHops && frontier.length > 0; d++) {
            frontier = expand(graph, frontier, distance, d);
            if (distance.containsKey(t)) {
                return d;
            }
        }
        return -1;
    }

    // ---- part 2: the whole trace on a store ----

    private static void storeTable(InStoreEvidenceTracer tracer, KnowledgeStore store, int pairs, long seed) {
        AdjacencyGraph graph = new StoreStatements(store).load();
        List<int[]>[] byDistance = pairsAtDistances(graph, pairs, seed);
        LinkFilter all = LinkFilter.of(graph, Set.of(), Set.of());
        IntBinaryOperator whole =
                (s, t) -> tracer.trace(new TraceRequest(graph.iri(s), graph.iri(t), K, MAX_HOPS, Set.of(), Set.of()))
                        .paths()
                        .size();
        IntBinaryOperator search =
                (s, t) -> new PathSearch(graph, all).best(s, t, K, MAX_HOPS).size();
        for (int d = 2; d <= 4; d++) {
            for (int[] pair : byDistance[d]) {
                whole.applyAsInt(pair[0], pair[1]);
                search.applyAsInt(pair[0], pair[1]);
            }
        }
        System.out.println(
                "| distance | pairs | trace() p50 | trace() p95 | search p50 | search p95 | p95 ratio trace() / search |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int d = 2; d <= MAX_HOPS; d++) {
            List<int[]> list = byDistance[d];
            if (list.isEmpty()) {
                System.out.printf(Locale.ROOT, "| %d | 0 | | | | | |%n", d);
                continue;
            }
            long[] wholeTimes = new long[list.size()];
            long[] searchTimes = new long[list.size()];
            for (int i = 0; i < list.size(); i++) {
                int[] pair = list.get(i);
                long t0 = System.nanoTime();
                int a = whole.applyAsInt(pair[0], pair[1]);
                long t1 = System.nanoTime();
                int b = search.applyAsInt(pair[0], pair[1]);
                long t2 = System.nanoTime();
                if (a != b) {
                    throw new IllegalStateException("trace() found " + a + " paths, the search " + b);
                }
                wholeTimes[i] = t1 - t0;
                searchTimes[i] = t2 - t1;
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d | %d | %s | %s | %s | %s | %.1f |%n",
                    d,
                    list.size(),
                    ms(percentile(wholeTimes, 50)),
                    ms(percentile(wholeTimes, 95)),
                    ms(percentile(searchTimes, 50)),
                    ms(percentile(searchTimes, 95)),
                    (double) percentile(wholeTimes, 95) / percentile(searchTimes, 95));
        }
        System.out.println();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static long arg(String[] args, String name, long fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Long.parseLong(a.substring(name.length() + 1).replace("_", ""));
            }
        }
        return fallback;
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        try (var all = Files.walk(directory)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
