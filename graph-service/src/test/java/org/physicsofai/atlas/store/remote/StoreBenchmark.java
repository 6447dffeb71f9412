package org.physicsofai.atlas.store.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.system.StreamRDFLib;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.AgentRef;
import org.physicsofai.atlas.store.ContributionFilter;
import org.physicsofai.atlas.store.ContributionMethod;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.NewContribution;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.physicsofai.atlas.store.TestGraphs;

/**
 * The cost of the remote store: the same writes and the same query mix on the embedded TDB2 store and on the
 * remote adapter over Fuseki (TDB2 on disk too) in this JVM, side by side. Run with
 * {@code ./mvnw -pl graph-service -am -Pstore-bench -DskipTests verify [-Dstore-bench.contributions=N]}.
 */
public final class StoreBenchmark {

    private static final AgentRef AGENT = new AgentRef(TestGraphs.id("agent/bench"), "Bench");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int contributions = Integer.getInteger("store-bench.contributions", 500);
        int rounds = Integer.getInteger("store-bench.rounds", 20);
        Path root = Files.createTempDirectory("store-bench");
        System.out.printf(
                Locale.ROOT,
                "%d contributions of 12 statements (accepted at once), %d pending then accepted, %d retracted;"
                        + " query mix x %d rounds%n",
                contributions,
                contributions / 5,
                contributions / 10,
                rounds);
        try (KnowledgeStore embedded = new Tdb2KnowledgeStore(root.resolve("tdb2"), AtlasOntology.ID_BASE);
                FusekiTestServer fuseki = new FusekiTestServer(root.resolve("fuseki"));
                KnowledgeStore remote = new RemoteSparqlKnowledgeStore(fuseki.endpoints(), AtlasOntology.ID_BASE)) {
            List<Side> sides = List.of(new Side(embedded), new Side(remote));
            run(sides, contributions, rounds);
            print(sides.get(0).times, sides.get(1).times);
        }
    }

    /** One adapter under test and what was measured on it. */
    private static final class Side {
        final KnowledgeStore store;
        final Map<String, List<Double>> times = new LinkedHashMap<>();
        final List<String> accepted = new ArrayList<>();
        final List<String> pending = new ArrayList<>();

        Side(KnowledgeStore store) {
            this.store = store;
        }
    }

    /** Each step runs on both adapters one after the other, first one then the other, so that load hits both. */
    private static void both(List<Side> sides, int step, java.util.function.Consumer<Side> work) {
        if (step % 2 == 0) {
            sides.forEach(work);
        } else {
            sides.reversed().forEach(work);
        }
    }

    private static void run(List<Side> sides, int contributions, int rounds) {
        // Warm-up, not counted: class loading, JIT, connection set-up.
        for (int i = 0; i < 20; i++) {
            NewContribution c = contribution("warm" + i, true);
            both(sides, i, side -> side.store.submit(c));
        }
        for (int i = 0; i < contributions; i++) {
            NewContribution c = contribution("e" + i, true);
            both(
                    sides,
                    i,
                    side -> side.accepted.add(time(side.times, "submit (accepted)", () -> side.store.submit(c))
                            .contribution()
                            .iri()));
        }
        for (int i = 0; i < contributions / 5; i++) {
            NewContribution c = contribution("p" + i, false);
            both(
                    sides,
                    i,
                    side -> side.pending.add(time(side.times, "submit (pending)", () -> side.store.submit(c))
                            .contribution()
                            .iri()));
        }
        for (int i = 0; i < contributions / 5; i++) {
            int k = i;
            both(
                    sides,
                    i,
                    side -> time(side.times, "accept", () -> side.store.accept(side.pending.get(k), AGENT, "ok")));
        }
        for (int i = 0; i < contributions / 10; i++) {
            int k = i * 10;
            both(
                    sides,
                    i,
                    side -> time(
                            side.times, "retract", () -> side.store.retract(side.accepted.get(k), AGENT, "bench")));
        }
        Map<String, Query> mix = queries();
        for (int r = 0; r < rounds; r++) {
            int n = contributions / 2 + r;
            both(sides, r, side -> {
                for (Map.Entry<String, Query> q : mix.entrySet()) {
                    Query query = q.getKey().startsWith("ASK") ? ask(n) : q.getValue();
                    time(side.times, "query: " + q.getKey(), () -> side.store.query(query, TIMEOUT, consumeAll()));
                }
                String iri = side.accepted.get(n % side.accepted.size());
                time(side.times, "contribution(iri)", () -> side.store.contribution(iri));
                time(
                        side.times,
                        "contributions(recent 20)",
                        () -> side.store.contributions(ContributionFilter.recent(20)));
                time(side.times, "assertions(iri)", () -> side.store.assertions(iri));
            });
        }
        for (int r = 0; r < 3; r++) {
            both(
                    sides,
                    r,
                    side -> time(side.times, "export with history", () -> {
                        side.store.export(StreamRDFLib.sinkNull(), true);
                        return null;
                    }));
        }
    }

    private static void print(Map<String, List<Double>> tdb2, Map<String, List<Double>> remote) {
        System.out.println();
        System.out.println(
                "| operation | TDB2 p50 | TDB2 mean | remote p50 | remote mean | ratio of means remote / TDB2 |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String op : tdb2.keySet()) {
            double[] a = tdb2.get(op).stream().mapToDouble(Double::doubleValue).toArray();
            double[] b =
                    remote.get(op).stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f |%n",
                    op,
                    percentile(a, 50),
                    mean(a),
                    percentile(b, 50),
                    mean(b),
                    mean(b) / mean(a));
        }
    }

    private static Function<org.apache.jena.sparql.exec.QueryExec, Integer> consumeAll() {
        return exec -> {
            Query q = exec.getQuery();
            if (q.isAskType()) {
                return exec.ask() ? 1 : 0;
            }
            if (q.isConstructType()) {
                int[] n = {0};
                exec.constructTriples().forEachRemaining(t -> n[0]++);
                return n[0];
            }
            int[] n = {0};
            exec.select().forEachRemaining(b -> n[0]++);
            return n[0];
        };
    }

    private static Map<String, Query> queries() {
        Map<String, Query> mix = new LinkedHashMap<>();
        String prefixes = "PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>"
                + " PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ";
        mix.put("ASK one statement", null);
        mix.put(
                "SELECT labels of a type (LIMIT 100)",
                QueryFactory.create(prefixes
                        + "SELECT ?o ?l WHERE { ?o a atlas:Observable ; skos:prefLabel ?l } ORDER BY ?l LIMIT 100"));
        mix.put(
                "SELECT COUNT by type",
                QueryFactory.create("SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t"));
        mix.put(
                "CONSTRUCT one entity",
                QueryFactory.create(prefixes + "CONSTRUCT WHERE { <https://w3id.org/physics-of-ai/id/run/e7> ?p ?o }"));
        mix.put(
                "SELECT provenance (GRAPH, 20 newest)",
                QueryFactory.create(prefixes + "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT ?c ?t WHERE { GRAPH"
                        + " <" + KnowledgeStore.PROVENANCE_GRAPH + "> { ?c prov:generatedAtTime ?t } }"
                        + " ORDER BY DESC(?t) LIMIT 20"));
        return mix;
    }

    private static Query ask(int n) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString("ASK { ?s a ?t }");
        pss.setIri("s", TestGraphs.id("observable/e" + n));
        pss.setIri("t", "https://w3id.org/physics-of-ai/atlas#Observable");
        return pss.asQuery();
    }

    /** A run, its observable and a series: 12 statements, with labels in two languages. */
    private static NewContribution contribution(String key, boolean acceptNow) {
        return new NewContribution(
                TestGraphs.turtle("""
                        <run/%1$s> a atlas:Run ; skos:prefLabel "run %1$s"@en , "运行 %1$s"@zh ;
                            atlas:configValue "lr=1e-3" .
                        <observable/%1$s> a atlas:Observable ; skos:prefLabel "observable %1$s"@en ;
                            skos:definition "A benchmark observable."@en .
                        <series/%1$s> a atlas:Series ; atlas:run <run/%1$s> ; atlas:observable <observable/%1$s> ;
                            atlas:pointCount 1000 ; atlas:lastValue 0.5e0 .
                        """.formatted(key)),
                ContributionMethod.IMPORT,
                AGENT,
                "bench/" + key,
                null,
                "bench",
                List.of(),
                acceptNow);
    }

    private static <T> T time(Map<String, List<Double>> times, String op, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        times.computeIfAbsent(op, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
        return result;
    }

    private static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
