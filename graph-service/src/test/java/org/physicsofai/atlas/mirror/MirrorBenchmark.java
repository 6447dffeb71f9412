package org.physicsofai.atlas.mirror;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.neo4j.harness.Neo4j;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * The mirror's benchmark, run apart from the tests ({@code docs/benchmarks.md} says how), against a real
 * Neo4j in-process and a TDB2 store on disk.
 *
 * <ol>
 *   <li><b>Sync throughput.</b> Commits {@code contributions} contributions of {@code statements}
 *       statements each with the worker stopped (the baseline: what the store itself takes to commit them,
 *       outbox included), then times draining the whole backlog into Neo4j.
 *   <li><b>Lag under load.</b> Starts the worker and commits the same number again as fast as one writer
 *       can, sampling the status every 50 ms: pending entries and the age of the oldest, then the time to
 *       drain once the writer stops.
 *   <li><b>Resync.</b> Rebuilds the mirror from the store.
 * </ol>
 *
 * <p>Arguments: {@code contributions=500 statements=20 seed=1}.
 */
public final class MirrorBenchmark {

    private static final String BASE = AtlasOntology.ID_BASE + "bench/";
    private static final AgentRef AGENT = new AgentRef(AtlasOntology.ID_BASE + "agent/bench", "bench");

    private MirrorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int contributions = (int) arg(args, "contributions", 500);
        int statements = (int) arg(args, "statements", 20);
        Random random = new Random(arg(args, "seed", 1));
        Path dir = Files.createTempDirectory("mirror-benchmark");
        System.out.printf(
                Locale.ROOT,
                "Mirror benchmark: %d contributions of %d statements, %d cores, Java %s%n",
                contributions,
                statements,
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        long started = System.nanoTime();
        try (Neo4j neo4j = Neo4jServer.start()) {
            System.out.printf(Locale.ROOT, "Neo4j harness started in %.1f s%n", seconds(System.nanoTime() - started));
            try (KnowledgeStore store = new Tdb2KnowledgeStore(dir.resolve("tdb2"), AtlasOntology.ID_BASE);
                    Neo4jMirror mirror = new Neo4jMirror(store, neo4j.boltURI().toString(), "neo4j", "")) {
                mirror.drain();

                long t0 = System.nanoTime();
                for (int i = 0; i < contributions; i++) {
                    store.submit(contribution(random, "a" + i, statements));
                }
                long commit = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                long entries = mirror.drain();
                long sync = System.nanoTime() - t1;
                long total = (long) contributions * statements;
                System.out.printf(
                        Locale.ROOT,
                        "1. store commits (baseline): %.1f s = %.0f statements/s, %.1f contributions/s%n",
                        seconds(commit),
                        total / seconds(commit),
                        contributions / seconds(commit));
                System.out.printf(
                        Locale.ROOT,
                        "   mirror drain of %d entries: %.1f s = %.0f statements/s, %.1f contributions/s"
                                + " (%.2f x the store's commit time)%n",
                        entries,
                        seconds(sync),
                        total / seconds(sync),
                        contributions / seconds(sync),
                        (double) sync / commit);

                mirror.start();
                List<Long> pending = Collections.synchronizedList(new ArrayList<>());
                List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
                boolean[] writing = {true};
                Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                    while (writing[0] || store.pendingChangeCount() > 0) {
                        MirrorStatus status = mirror.status();
                        pending.add(status.pending());
                        lagMillis.add(status.lag().toMillis());
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                long t2 = System.nanoTime();
                for (int i = 0; i < contributions; i++) {
                    store.submit(contribution(random, "b" + i, statements));
                }
                long load = System.nanoTime() - t2;
                long t3 = System.nanoTime();
                MirrorFixture.settle(store, Duration.ofHours(1));
                long tail = System.nanoTime() - t3;
                writing[0] = false;
                sampler.join();
                List<Long> lags = new ArrayList<>(lagMillis);
                Collections.sort(lags);
                System.out.printf(
                        Locale.ROOT,
                        "2. under load: %d contributions committed in %.1f s (%.1f/s) with the worker running;"
                                + " pending max %d; lag p50 %d ms, p95 %d ms, max %d ms; drained %.1f s after the"
                                + " last commit%n",
                        contributions,
                        seconds(load),
                        contributions / seconds(load),
                        pending.stream().mapToLong(Long::longValue).max().orElse(0),
                        percentile(lags, 0.50),
                        percentile(lags, 0.95),
                        lags.isEmpty() ? 0 : lags.getLast(),
                        seconds(tail));

                long t4 = System.nanoTime();
                Mirror.ResyncReport report = mirror.resync();
                long resync = System.nanoTime() - t4;
                System.out.printf(
                        Locale.ROOT,
                        "3. resync: %d contributions, %d nodes, %d relationships in %.1f s = %.0f statements/s%n",
                        report.contributions(),
                        report.nodes(),
                        report.relationships(),
                        seconds(resync),
                        2.0 * total / seconds(resync));
            }
        }
    }

    /** A contribution like an import's: a run with observations that support or dispute claims. */
    private static NewContribution contribution(Random random, String name, int statements) {
        Graph graph = GraphFactory.createDefaultGraph();
        var run = NodeFactory.createURI(BASE + "run/" + name);
        graph.add(run, RDF.type.asNode(), Atlas.Run.asNode());
        graph.add(run, SKOS.prefLabel.asNode(), NodeFactory.createLiteralLang("run " + name, "en"));
        for (int i = 2; i < statements; i++) {
            var observation = NodeFactory.createURI(BASE + "observation/" + name + "-" + i);
            var claim = NodeFactory.createURI(BASE + "claim/" + random.nextInt(1000));
            graph.add(
                    observation,
                    (i % 3 == 0 ? Atlas.disputes : i % 3 == 1 ? Atlas.supports : Atlas.run).asNode(),
                    i % 3 == 2 ? run : claim);
        }
        return new NewContribution(graph, ContributionMethod.IMPORT, AGENT, null, null, "bench", List.of(), true);
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long arg(String[] args, String name, long otherwise) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Long.parseLong(a.substring(name.length() + 1));
            }
        }
        return otherwise;
    }
}
