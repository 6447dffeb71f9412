package org.physicsofai.atlas.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.physicsofai.atlas.ontology.AtlasOntology;
import org.physicsofai.atlas.search.LuceneSearchIndex;
import org.physicsofai.atlas.search.SearchIndex;
import org.physicsofai.atlas.search.SearchQuery;
import org.physicsofai.atlas.store.KnowledgeStore;
import org.physicsofai.atlas.store.Tdb2KnowledgeStore;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** Subcommands run in a context without a web server and exit with their status. */
class CommandLauncherTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int launch(String... args) {
        String[] withDataDir = new String[args.length + 1];
        withDataDir[0] = "--atlas.data-dir=" + directory;
        System.arraycopy(args, 0, withDataDir, 1, args.length);
        return CommandLauncher.launch(
                withDataDir,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void onlyArgumentsBeyondSettingsMakeACommand() {
        assertThat(CommandLauncher.isCommand(new String[] {"--server.port=9000"}))
                .isFalse();
        assertThat(CommandLauncher.isCommand(new String[] {})).isFalse();
        assertThat(CommandLauncher.isCommand(new String[] {"--atlas.data-dir=x", "dump"}))
                .isTrue();
        assertThat(CommandLauncher.isCommand(new String[] {"--help"})).isTrue();
        assertThat(CommandLauncher.isSetting("--atlas.data-dir=x")).isTrue();
        assertThat(CommandLauncher.isSetting("--format")).isFalse();
        assertThat(CommandLauncher.isSetting("--format=x")).isFalse();
        assertThat(CommandLauncher.isSetting("t_grok=https://w3id.org/x")).isFalse();
    }

    /** The help is written without the application: every command bean must be in it, and no other name. */
    @Test
    void theHelpListsEveryCommandTheApplicationRuns() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(AtlasCommand.class));
        Set<String> beans = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents(AtlasCommand.class.getPackageName())) {
            var field = Class.forName(candidate.getBeanClassName()).getDeclaredField("NAME");
            beans.add((String) field.get(null));
        }
        beans.add(RestoreCommand.NAME);

        assertThat(CommandLauncher.COMMANDS.stream().map(CommandLauncher.Help::name))
                .containsExactlyInAnyOrderElementsOf(beans);
    }

    @Test
    void helpAnswersWithoutStartingTheApplicationOrOpeningAStore() {
        Path data = directory.resolve("never-opened");
        PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        String setting = "--atlas.data-dir=" + data;

        assertThat(CommandLauncher.launch(new String[] {setting, "help"}, output, errors))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Commands:")
                .contains("restore")
                .contains("before or after the command");
        out.reset();
        assertThat(CommandLauncher.launch(new String[] {"detect", "--help", setting}, output, errors))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar atlas.jar detect [--threshold");
        out.reset();
        assertThat(CommandLauncher.launch(new String[] {setting, "help", "import"}, output, errors))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 when only part could");
        out.reset();
        assertThat(CommandLauncher.launch(new String[] {"--help"}, output, errors))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Commands:");
        assertThat(CommandLauncher.launch(new String[] {setting, "frobnicate", "-h"}, output, errors))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'frobnicate'");

        assertThat(data).doesNotExist();
    }

    @Test
    void dumpWritesTheAcceptedKnowledgeToStandardOutput() {
        int status = launch("dump", "--format", "ntriples");

        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.fromString(out.toString(StandardCharsets.UTF_8), Lang.NTRIPLES)
                .parse(graph);
        assertThat(status).isZero();
        assertThat(graph.size()).isGreaterThan(1000);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("INFO");
    }

    @Test
    void dumpWithHistoryKeepsEveryGraph() throws Exception {
        Path file = directory.resolve("backup.nq");

        int status = launch("dump", "--history", "--output", file.toString());

        DatasetGraph dataset = DatasetGraphFactory.createTxnMem();
        RDFParser.source(file).lang(Lang.NQUADS).parse(dataset);
        assertThat(status).isZero();
        assertThat(Files.size(file)).isPositive();
        assertThat(dataset.containsGraph(org.apache.jena.graph.NodeFactory.createURI(KnowledgeStore.PROVENANCE_GRAPH)))
                .isTrue();
        assertThat(dataset.getDefaultGraph().size()).isGreaterThan(1000);
    }

    @Test
    void aSecondCommandOnTheSameDataDirectoryDoesNotParseTheUnchangedSeed() throws Exception {
        assertThat(launch("dump", "--format", "pdf")).isEqualTo(2); // the application started: seed loaded
        Path digests = directory.resolve("seed-digests.properties");
        assertThat(Files.readString(digests)).contains("ontology/atlas.ttl=", "seed-data=");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(digests);

        assertThat(launch("dump", "--format", "pdf")).isEqualTo(2);

        assertThat(Files.getLastModifiedTime(digests))
                .as("the seed was not parsed, so its digests were not written again")
                .isEqualTo(written);
    }

    @Test
    void badUsageExitsWithTwoAndSaysWhy() {
        assertThat(launch("dump", "--format", "pdf")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Unknown format 'pdf'")
                .contains("Usage:");
        assertThat(launch("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command 'frobnicate'");
    }

    @Test
    void userAddCreatesTheFirstAdministratorWithAPasswordFromStandardInput() throws Exception {
        java.io.InputStream stdin = System.in;
        System.setIn(new java.io.ByteArrayInputStream("a long admin password\n".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(launch("user", "add", "root", "--role", "admin")).isZero();
            assertThat(launch("user", "add", "root", "--role", "admin")).isEqualTo(1);
        } finally {
            System.setIn(stdin);
        }

        String accounts = Files.readString(directory.resolve("accounts.json"));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Created admin account 'root'");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is taken");
        assertThat(accounts).contains("\"ADMIN\"").contains("{bcrypt}").doesNotContain("a long admin password");
    }

    @Test
    void userAddNeedsARole() {
        assertThat(launch("user", "add", "someone")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role is required");
    }

    @Test
    void importReadsAnMlflowStoreOnceAndReportsIt() {
        String store = Path.of("../importers/src/test/resources/fixtures/mlflow-deepcnn/mlruns")
                .toString();

        int status = launch("import", store);
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        int again = launch("import", "--format", "mlflow", store);

        assertThat(status).isZero();
        assertThat(first)
                .contains("Imported (mlflow): 1 runs, 2 series, 2 points (2 new)")
                .contains("never closed");
        assertThat(again).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Unchanged (imported before)");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("100% storing points");
    }

    @Test
    void importReadsSettingsFromFolderNamesWithAPathTemplateAndRefusesATemplateThatCannotWork() throws Exception {
        Path grid = directory.resolve("grid");
        for (String run : new String[] {"Exp_0_adam_32_0.1", "Exp_1_adam_64_0.1", "Exp_2_adam_64_0.2"}) {
            Files.createDirectories(grid.resolve(run));
            Files.writeString(grid.resolve(run).resolve("log.csv"), "step,train_loss\n0,1.5\n1,1.2\n");
        }

        int status = launch("import", grid.toString(), "--path-template", "Exp_{index}_{optimizer}_{width}_{dropout}");

        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Imported (csv): 3 runs");
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE)) {
            String varied = store.query(
                    org.apache.jena.query.QueryFactory.create("PREFIX atlas: <https://w3id.org/physics-of-ai/atlas#>"
                            + " SELECT (GROUP_CONCAT(STR(?v); separator=' ') AS ?all) WHERE {"
                            + " SELECT ?v WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> \"grid\"@en ;"
                            + " atlas:varies ?v } ORDER BY ?v }"),
                    java.time.Duration.ofSeconds(30),
                    exec -> exec.select().next().get("all").getLiteralLexicalForm());
            // width and dropout vary, the optimizer does not, the index numbers the runs
            assertThat(varied.split(" "))
                    .satisfiesExactly(
                            v -> assertThat(v).endsWith("/id/variable/dropout"),
                            v -> assertThat(v).isEqualTo(AtlasOntology.ID_BASE + "variable/model-width"));
        }
        assertThat(launch("import", "--path-template", "Exp_{width}{dropout}", grid.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("need something between them");
    }

    @Test
    void importOfAMalformedLogExitsWithOneAndNamesTheLine() throws Exception {
        Path log = directory.resolve("log.csv");
        Files.writeString(log, "step,loss\n0,1.5\n1,oops\n");

        int status = launch("import", log.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Nothing imported")
                .contains("log.csv:3: column 'loss': not a number: 'oops'");
        assertThat(launch("import", "--format", "excel", log.toString())).isEqualTo(2);
    }

    @Test
    void importOfWhichOneRunIsRefusedExitsWithTwoAndNamesItWithTheSettingAfterTheCommand() throws Exception {
        Path data = directory.resolve("given-after");
        Path logs = Files.createDirectories(directory.resolve("logs"));
        Files.writeString(logs.resolve("good.csv"), "step,loss\n0,1.5\n1,1.2\n");
        Files.writeString(logs.resolve("bad.csv"), "step,loss\n0,1.5\n1,oops\n");

        int status = CommandLauncher.launch(
                new String[] {"import", logs.toString(), "--atlas.data-dir=" + data},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Imported (csv): 1 runs, 1 series, 2 points (2 new)")
                .contains("bad.csv:3: column 'loss': not a number: 'oops'")
                .contains("Partly imported: 1 problem(s) above; what they name was refused");
        assertThat(data.resolve("tdb2")).isDirectory();
    }

    @Test
    void helpListsTheCommands() {
        assertThat(launch("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("dump").contains("Usage:");
    }

    @Test
    void reindexRebuildsTheSearchIndexFromTheStore() {
        int status = launch("reindex");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("Indexed \\d{3,} entities from 2 accepted contributions in \\d+ ms.");
        try (KnowledgeStore store = new Tdb2KnowledgeStore(directory.resolve("tdb2"), AtlasOntology.ID_BASE);
                SearchIndex index = new LuceneSearchIndex(directory.resolve("lucene"), store)) {
            assertThat(index.search(SearchQuery.of("顿悟")).hits().getFirst().iri())
                    .isEqualTo(AtlasOntology.ID_BASE + "phenomenon/grokking");
        }
        assertThat(launch("reindex", "--now")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reindex takes no options");
    }

    @Test
    void importLabelsAGrokkingRunAndDetectAndLawcheckRunOnDemand() throws Exception {
        StringBuilder csv = new StringBuilder("step,train_acc,test_acc\n");
        for (long s = 0; s <= 20_000; s += 100) {
            csv.append(s)
                    .append(',')
                    .append(s >= 600 ? 0.99 : 0.2)
                    .append(',')
                    .append(s >= 7_000 ? 0.95 : 0.1)
                    .append('\n');
        }
        Path log = Files.writeString(directory.resolve("groks.csv"), csv);

        assertThat(launch("import", log.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("grokking detector 1.0.0: 1 run(s) labelled [1 grokking], 1 new result(s)");
        out.reset();

        assertThat(launch("detect")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\tgrokking\ttrain 600\ttest 7000\tunchanged")
                .contains("0 new result(s)")
                // the curve detectors ran after the import too: the test error has no double-descent peak
                .contains("\tdouble-descent\tno double-descent peak in the test error (1 - test accuracy)\tunchanged")
                .contains("double-descent detector 1.1.0: 1 result(s), 0 indicating the phenomenon, 0 new result(s)");
        out.reset();

        assertThat(launch("detect", "--threshold", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(0, 1]");

        String id = "https://w3id.org/physics-of-ai/id/";
        assertThat(launch(
                        "lawcheck",
                        id + "law/liu2022omni-grokking-time-vs-weight-decay",
                        id + "experiment/liu2022eff-toy-addition-phase-diagram",
                        "t_grok=" + id + "observable/steps-to-test-threshold",
                        "gamma=" + id + "variable/weight-decay"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("runs used: 0, left out: 0, outside the law's regime: 121")
                .contains("verdict: not testable with this data (none of the 121 run(s) lies inside the law's"
                        + " stated regime");
    }
}
