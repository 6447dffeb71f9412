package org.physicsofai.atlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.exec.RowSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * Keeps the benchmark suite from rotting: the generator makes a graph of the Atlas's shape that the
 * shapes accept, and every benchmark runs end to end at a tiny scale, baselines included. The
 * figures are not checked (performance is measured by the suite, not by tests), only that each
 * report compares something real.
 */
class BenchSmokeTest {

    @TempDir
    Path work;

    @Test
    void theGeneratorMakesAValidGraphOfTheAtlasShape() throws Exception {
        SyntheticGraph graph = new SyntheticGraph(2000, 1);
        Path file = work.resolve("graph.nt");
        long written = graph.writeNTriples(file);
        try (Tdb2KnowledgeStore store = new Tdb2KnowledgeStore(work.resolve("tdb2"), AtlasOntology.ID_BASE)) {
            // Stored through the validating write path: a graph that broke a shape would be refused.
            BenchApp.load(new ContributionService(store), file);
            Map<String, Long> perClass = counts(store, """
                    SELECT ?key (COUNT(DISTINCT ?s) AS ?n) WHERE {
                      ?s a ?type FILTER(STRSTARTS(STR(?s), "%s")) BIND(STR(?type) AS ?key) } GROUP BY ?key""".formatted(SyntheticGraph.BASE));
            assertThat(perClass)
                    .containsEntry("https://w3id.org/physics-of-ai/atlas#Run", 800L)
                    .containsEntry("https://w3id.org/physics-of-ai/atlas#Observation", 700L)
                    .containsEntry("https://w3id.org/physics-of-ai/atlas#Claim", 310L)
                    .containsEntry("https://w3id.org/physics-of-ai/atlas#Phenomenon", 40L)
                    .containsEntry("https://w3id.org/physics-of-ai/atlas#Source", 40L);
            assertThat(perClass.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(graph.entities());
            Map<String, Long> shape = counts(store, """
                    PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                    SELECT ?key ?n WHERE {
                      { SELECT ("runs per experiment, at least" AS ?key) (MIN(?runs) AS ?n) WHERE {
                          { SELECT ?e (COUNT(?r) AS ?runs) WHERE { ?r a atlas:Run ; atlas:partOf ?e } GROUP BY ?e } } }
                      UNION { SELECT ("observations without a stance" AS ?key) (COUNT(?o) AS ?n) WHERE {
                          ?o a atlas:Observation FILTER NOT EXISTS { ?o atlas:supports|atlas:disputes ?c } } }
                      UNION { SELECT ("disputing links" AS ?key) (COUNT(*) AS ?n) WHERE { ?o atlas:disputes ?c } }
                      UNION { SELECT ("claim to claim links" AS ?key) (COUNT(*) AS ?n) WHERE {
                          ?a atlas:explains|atlas:refines|atlas:qualifies ?b } } }""");
            assertThat(shape.get("runs per experiment, at least")).isGreaterThanOrEqualTo(10);
            assertThat(shape.get("observations without a stance")).isZero();
            assertThat(shape.get("disputing links")).isPositive();
            assertThat(shape.get("claim to claim links")).isPositive();
        }
        assertThat(written).isGreaterThan(10 * 2000L / 2);
        // The same seed gives the same graph.
        assertThat(new SyntheticGraph(2000, 1).writeNTriples(work.resolve("again.nt")))
                .isEqualTo(written);
        assertThat(work.resolve("again.nt")).hasSameTextualContentAs(file);
    }

    @Test
    void theLogGeneratorWritesCsvTheImporterReads() throws Exception {
        long points = SyntheticLogs.writeCsv(work.resolve("logs"), 2, 3, 50, 1);
        assertThat(points).isEqualTo(2 * 3 * 50);
        assertThat(work.resolve("logs/run-0.csv")).content().startsWith("step,_timestamp,loss,grad_norm,val_loss\n0,");
    }

    @Test
    void everyBenchmarkRunsAtATinyScale() throws Exception {
        Bench bench = new Bench(Map.of(
                "scale", "1000",
                "reps", "1",
                "rounds", "1",
                "pairs", "2",
                "clients", "2",
                "requests", "3",
                "work", work.resolve("bench").toString(),
                "results", work.resolve("results.md").toString()));
        List<Report> reports = bench.run("all");
        assertThat(reports)
                .extracting(report -> report.markdown().lines().findFirst().orElseThrow())
                .containsExactly(
                        "### Bulk load",
                        "### SPARQL query mix over HTTP",
                        "### Pages under 2 concurrent clients (time to first byte)",
                        "### Evidence traces");
        for (Report report : reports) {
            assertThat(report.rows()).isNotEmpty().allSatisfy(row -> {
                assertThat(row.atlas().size()).isPositive();
                assertThat(row.baseline().size()).isPositive();
                assertThat(row.ratio()).isPositive().isFinite();
            });
        }
        assertThat(work.resolve("results.md")).content().contains("| statements loaded per second |");
        assertThat(work.resolve("bench")).doesNotExist();
    }

    private static Map<String, Long> counts(Tdb2KnowledgeStore store, String sparql) {
        return store.query(QueryFactory.create(sparql), Duration.ofMinutes(1), exec -> {
            RowSet rows = exec.select();
            Map<String, Long> counts = new java.util.HashMap<>();
            rows.forEachRemaining(row -> counts.put(
                    row.get("key").getLiteralLexicalForm(),
                    ((Number) row.get("n").getLiteralValue()).longValue()));
            return counts;
        });
    }
}
