package org.physicsofai.atlas.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed holds exactly what the catalogue in seed-data/README.md lists. */
class SeedCountsTest {

    private static Model seed;

    @BeforeAll
    static void load() {
        seed = SeedFiles.seed();
    }

    @Test
    void instanceCountsPerClassMatchTheCatalogue() {
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("Claim", 96),
                Map.entry("ConfigSetting", 298),
                Map.entry("Dataset", 1),
                Map.entry("Experiment", 7),
                Map.entry("Law", 21),
                Map.entry("LawCheckPlan", 1),
                Map.entry("LawParameter", 48),
                Map.entry("Model", 8),
                Map.entry("Observable", 74),
                Map.entry("Observation", 363),
                Map.entry("Phenomenon", 61),
                Map.entry("RegimeCondition", 4),
                Map.entry("Run", 121),
                Map.entry("Source", 85),
                Map.entry("Task", 4),
                Map.entry("Variable", 20)));
        assertThat(countsPerAtlasClass()).isEqualTo(expected);
    }

    @Test
    void phaseDiagramHas121RunsWithTheirPhases() {
        String query = """
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                SELECT ?phase (COUNT(?run) AS ?n) WHERE {
                  ?run atlas:partOf <https://w3id.org/physics-of-ai/id/experiment/liu2022eff-toy-addition-phase-diagram> .
                  ?o atlas:run ?run ; atlas:indicates ?phase .
                } GROUP BY ?phase""";
        Map<String, Integer> phases = new TreeMap<>();
        try (QueryExecution qe = QueryExecution.model(seed).query(query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                phases.put(
                        s.getResource("phase").getLocalName(), s.getLiteral("n").getInt());
            }
        }
        assertThat(phases)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("comprehension", 17, "grokking", 16, "memorization", 49, "confusion", 39));
    }

    private static Map<String, Integer> countsPerAtlasClass() {
        String query = """
                PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>
                SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
                  ?s a ?type . FILTER(STRSTARTS(STR(?type), STR(atlas:)))
                } GROUP BY ?type""";
        Map<String, Integer> counts = new TreeMap<>();
        try (QueryExecution qe = QueryExecution.model(seed).query(query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                counts.put(
                        s.getResource("type").getLocalName(), s.getLiteral("n").getInt());
            }
        }
        return counts;
    }
}
