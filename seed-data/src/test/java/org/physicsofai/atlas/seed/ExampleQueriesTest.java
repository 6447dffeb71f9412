package org.physicsofai.atlas.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every example query of docs/queries over the union of the seed files and compares the SPARQL CSV
 * result with the committed {@code .expected.csv}. Run with {@code -Datlas.seed.writeExpected=true} to
 * rewrite the expected files after a deliberate change to the seed.
 */
class ExampleQueriesTest {

    private static Model seed;

    @BeforeAll
    static void load() {
        seed = SeedFiles.seed();
    }

    static List<Path> queries() throws IOException {
        try (Stream<Path> files = Files.list(SeedFiles.QUERIES)) {
            return files.filter(p -> p.toString().endsWith(".rq")).sorted().toList();
        }
    }

    @Test
    void thereAreAtLeastTenDocumentedExampleQueries() throws IOException {
        List<Path> queries = queries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        for (Path query : queries) {
            List<String> lines = Files.readAllLines(query, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).as(query + " first line").startsWith("# title: ");
            assertThat(lines.get(1)).as(query + " second line").startsWith("# description: ");
            assertThat(query.getFileName().toString()).matches("[0-9]{2}-[a-z0-9-]+\\.rq");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void queryGivesTheExpectedResult(Path queryFile) throws IOException {
        Query query = QueryFactory.read(queryFile.toString());
        assertThat(query.hasOrderBy()).as("deterministic order").isTrue();
        assertThat(query.getGraphURIs()).as("default graph only").isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryExecution qe = QueryExecution.model(seed).query(query).build()) {
            ResultSetFormatter.outputAsCSV(out, qe.execSelect());
        }
        String actual = out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        Path expectedFile =
                queryFile.resolveSibling(queryFile.getFileName().toString().replace(".rq", ".expected.csv"));
        if (Boolean.getBoolean("atlas.seed.writeExpected")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("expected result file").exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8).replace("\r\n", "\n");
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.lines().count()).as("a header and at least one row").isGreaterThan(1);
    }
}
