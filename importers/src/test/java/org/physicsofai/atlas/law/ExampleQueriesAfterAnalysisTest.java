package org.physicsofai.atlas.law;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.physicsofai.atlas.contribution.ContributionService;
import org.physicsofai.atlas.detect.GrokkingDetection;
import org.physicsofai.atlas.detect.GrokkingDetector;
import org.physicsofai.atlas.series.DuckDbSeriesStore;
import org.physicsofai.atlas.series.SeriesStore;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;

/**
 * Every example query of docs/queries gives its committed expected answer on a fresh start after the start-up
 * analysis has run: the whole seed loaded into a TDB2 store as the application loads it, then the analysis of
 * {@link KnowledgeAnalysis} (detector labels of the phase-diagram runs beside the published ones, the planned law
 * checks), then each query over the accepted knowledge compared with its {@code .expected.csv}.
 */
class ExampleQueriesAfterAnalysisTest {

    static final Path QUERIES = Path.of("..", "docs", "queries");

    @TempDir
    static Path directory;

    static KnowledgeStore store;
    static SeriesStore series;
    static KnowledgeAnalysis.Report report;

    @BeforeAll
    static void freshStartThenAnalysis() throws IOException {
        store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), KnowledgeAnalysisTest.BASE);
        series = new DuckDbSeriesStore(directory.resolve("series.duckdb"));
        ContributionService contributions = new ContributionService(store);
        KnowledgeAnalysisTest.loadSeed(store, contributions);
        KnowledgeAnalysis analysis = new KnowledgeAnalysis(
                new GrokkingDetection(store, contributions, series, KnowledgeAnalysisTest.BASE),
                GrokkingDetector.DEFAULT,
                new LawCheckPlans(store, new LawChecker(store, contributions, KnowledgeAnalysisTest.BASE)),
                KnowledgeAnalysisTest.AGENT);
        report = analysis.run();
    }

    @AfterAll
    static void close() {
        series.close();
        store.close();
    }

    static List<Path> queries() throws IOException {
        try (Stream<Path> files = Files.list(QUERIES)) {
            return files.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void queryGivesItsExpectedAnswerAfterTheStartUpAnalysis(Path queryFile) throws IOException {
        // the analysis did label the runs: a detector label now stands beside each published one
        assertThat(report.phases().runs()).hasSize(121);
        Query query = QueryFactory.read(queryFile.toString());
        String actual = store.query(query, Duration.ofSeconds(60), exec -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ResultSetFormatter.outputAsCSV(out, ResultSet.adapt(exec.select()));
                    return out.toString(StandardCharsets.UTF_8);
                })
                .replace("\r\n", "\n");
        Path expectedFile =
                queryFile.resolveSibling(queryFile.getFileName().toString().replace(".rq", ".expected.csv"));
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(numbersAsValues(actual))
                .as(queryFile.getFileName().toString())
                .isEqualTo(numbersAsValues(expected));
    }

    private static final Pattern DECIMAL_CELL =
            Pattern.compile("(?<=^|,)-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?=,|$)", Pattern.MULTILINE);

    /**
     * The answer with every number that has a fraction or an exponent written as its double value: TDB2 keeps a
     * double by value and gives it back in canonical form (9.0e0 for the seed's 9.0), the same number.
     */
    static String numbersAsValues(String csv) {
        return DECIMAL_CELL.matcher(csv).replaceAll(m -> {
            String cell = m.group();
            return cell.matches("-?[0-9]+") ? cell : Double.toString(Double.parseDouble(cell));
        });
    }
}
