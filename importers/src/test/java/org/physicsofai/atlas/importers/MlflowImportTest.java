package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

/** MLflow file stores, the real fixture and stores written here for every case the format allows. */
class MlflowImportTest extends ImportHarnessTest {

    private static final String DEEPCNN = ImportHarness.BASE + "run/mlflow-cb0096518b0e4c66a94428555f05420b";

    @Test
    void theRealStoreImportsItsUnfinishedRunWithTypedParamsAndNoPersonalTags() {
        ImportReport report = atlas.run(ImportHarness.fixture("mlflow-deepcnn"));

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.formats()).containsExactly("mlflow");
        assertThat(report.runs()).containsExactly(DEEPCNN);
        assertThat(report.series()).hasSize(2);
        assertThat(report.points()).isEqualTo(2);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("never closed"));
        assertThat(atlas.objects(DEEPCNN, Atlas.runStatus)).containsExactly(NodeFactory.createLiteralString("running"));
        assertThat(configValue("BATCH_SIZE")).isEqualTo(NodeFactory.createLiteralDT("16", XSDDatatype.XSDinteger));
        assertThat(configValue("LEARNING_RATE").getLiteralValue()).isEqualTo(0.01);
        assertThat(configValue("INCLUDE_TOP")).isEqualTo(NodeFactory.createLiteralDT("false", XSDDatatype.XSDboolean));
        assertThat(configValue("IMAGE_SIZE")).isEqualTo(NodeFactory.createLiteralString("[224, 224, 3]"));
        String accuracy = DEEPCNN.replace("/run/", "/series/") + "--accuracy";
        assertThat(atlas.objects(accuracy, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "train-accuracy"));
        assertThat(atlas.objects(accuracy, Atlas.unit))
                .containsExactly(NodeFactory.createURI("http://qudt.org/vocab/unit/UNITLESS"));
        assertThat(atlas.objects(accuracy, Atlas.lastValue))
                .singleElement()
                .satisfies(v -> assertThat(v.getLiteralValue()).isEqualTo(0.7858095765113831));
        assertThat(atlas.series.points(accuracy).orElseThrow().wallTime(0)).isEqualTo(1664364007.310);
        String turtle = turtle();
        assertThat(turtle)
                .doesNotContain("Administrator")
                .doesNotContain("Ineuron")
                .doesNotContain("ipykernel");
        assertThat(turtle).contains("http://localhost:8080/api/series/mlflow-cb0096518b0e4c66a94428555f05420b--loss");
    }

    @Test
    void importingTheSameStoreAgainIsANoOp() {
        ImportReport first = atlas.run(ImportHarness.fixture("mlflow-deepcnn"));
        ImportReport second = atlas.run(ImportHarness.fixture("mlflow-deepcnn"));

        assertThat(second.outcome()).isEqualTo(ImportReport.Outcome.UNCHANGED);
        assertThat(second.contribution()).isEqualTo(first.contribution());
        assertThat(second.newPoints()).isZero();
        assertThat(atlas.importContributions()).isEqualTo(1);
    }

    @Test
    void aRunIdOfDigitsKeepsItsLeadingZero() {
        Path store = directory.resolve("mlruns-digits");
        experiment(store, "7", "digits");
        run(store, "7", "01234567", 3, "active", Map.of("metrics/loss", "1700000000000 1.0 0\n"));

        ImportReport report = atlas.run(store);

        assertThat(report.runs()).containsExactly(ImportHarness.BASE + "run/mlflow-01234567");
    }

    @Test
    void legacyLinesNanInfinitySlashKeysAndDeletedRunsAreRead() {
        Path store = directory.resolve("mlruns");
        experiment(store, "586757370402886605", "grokking sweep");
        run(
                store,
                "586757370402886605",
                "aaaa1111",
                3,
                "active",
                Map.of(
                        "metrics/val/acc", "1700000000000 0.5 0\n1700000001000 0.75 10\n1700000002000 nan 20\n",
                        "metrics/loss", "1700000000000 inf\n1700000001000 -inf\n1700000002000 2.5\n",
                        "params/weight_decay", "1.0",
                        "tags/mlflow.runName", "wd-1",
                        "tags/mlflow.user", "someone"));
        run(store, "586757370402886605", "bbbb2222", 4, "active", Map.of("metrics/loss", "1700000000000 1.0 0\n"));
        run(store, "586757370402886605", "cccc3333", 3, "deleted", Map.of("metrics/loss", "1700000000000 1.0 0\n"));

        ImportReport report = atlas.run(store);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.runs()).hasSize(2);
        assertThat(report.skipped()).containsEntry("deleted runs", 1);
        String run = ImportHarness.BASE + "run/mlflow-aaaa1111";
        assertThat(atlas.objects(run, org.apache.jena.vocabulary.SKOS.prefLabel))
                .containsExactly(NodeFactory.createLiteralLang("wd-1", "en"));
        assertThat(atlas.objects(ImportHarness.BASE + "run/mlflow-bbbb2222", Atlas.runStatus))
                .containsExactly(NodeFactory.createLiteralString("failed"));
        String valAcc = report.series().stream()
                .filter(s -> s.contains("val"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.objects(valAcc, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "validation-accuracy"));
        assertThat(atlas.objects(valAcc, Atlas.metricKey)).containsExactly(NodeFactory.createLiteralString("val/acc"));
        var loss = atlas.series
                .points(ImportHarness.BASE + "series/mlflow-aaaa1111--loss")
                .orElseThrow();
        assertThat(loss.values()).startsWith(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.5);
        assertThat(loss.steps()).startsWith(0L, 0L, 0L);
        assertThat(Double.isNaN(atlas.series.points(valAcc).orElseThrow().value(2)))
                .isTrue();
        assertThat(turtle()).doesNotContain("someone");
    }

    @Test
    void aLongerLogAddsOnlyTheNewPointsAndSupersedesTheEarlierImport() throws IOException {
        Path store = directory.resolve("mlruns");
        experiment(store, "1", "growing");
        run(store, "1", "dddd4444", 1, "active", Map.of("metrics/loss", lines(0, 100)));
        run(store, "1", "eeee5555", 3, "active", Map.of("metrics/loss", lines(0, 10)));
        ImportReport first = atlas.run(store);
        Files.writeString(store.resolve("1/dddd4444/metrics/loss"), lines(0, 150));
        Path onlyGrowing = directory.resolve("subset/mlruns");
        experiment(onlyGrowing, "1", "growing");
        ImportHarness.copy(store.resolve("1/dddd4444"), onlyGrowing.resolve("1/dddd4444"));

        ImportReport second = atlas.run(onlyGrowing);

        assertThat(second.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(second.points()).isEqualTo(150);
        assertThat(second.newPoints()).isEqualTo(50);
        assertThat(second.supersedes()).containsExactly(first.contribution());
        assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-dddd4444--loss"))
                .contains(150L);
        assertThat(atlas.objects(ImportHarness.BASE + "series/mlflow-dddd4444--loss", Atlas.pointCount))
                .containsExactly(NodeFactory.createLiteralDT("150", XSDDatatype.XSDinteger));
        // The run the second import did not include stays known.
        assertThat(atlas.objects(ImportHarness.BASE + "run/mlflow-eeee5555", Atlas.runStatus))
                .hasSize(1);
    }

    @Test
    void aMalformedMetricFileIsReportedByFileAndLineAndChangesNothing() {
        Path store = directory.resolve("mlruns");
        experiment(store, "0", "Default");
        run(
                store,
                "0",
                "ffff6666",
                3,
                "active",
                Map.of("metrics/loss", "1700000000000 1.0 0\n1700000000001 1.0 1 9\n"));
        run(store, "0", "abab7777", 3, "active", Map.of("metrics/acc", "1700000000000 0.9 0\n1700000000001 high 1\n"));

        ImportReport report = atlas.run(store);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .extracting(ImportProblem::toString)
                .containsExactlyInAnyOrder(
                        "mlruns/0/ffff6666/metrics/loss:2: Metric line has 4 fields; expected 'timestamp value step'"
                                + " or the older 'timestamp value'",
                        "mlruns/0/abab7777/metrics/acc:2: not a number: 'high'");
        assertThat(atlas.importContributions()).isZero();
        assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-ffff6666--loss"))
                .isEmpty();
    }

    @Test
    void aGoodRunImportsBesideABadOneWhichIsLeftOutWhole() {
        Path store = directory.resolve("mlruns");
        experiment(store, "0", "Default");
        run(store, "0", "aaaa0001", 3, "active", Map.of("metrics/loss", "1700000000000 1.0 0\n"));
        run(store, "0", "aaaa0002", 3, "active", Map.of("metrics/loss", "1700000000000 1.0 0\n", "metrics/acc", "x\n"));

        ImportReport report = atlas.run(store);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.runs()).containsExactly(ImportHarness.BASE + "run/mlflow-aaaa0001");
        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.file()).endsWith("aaaa0002/metrics/acc"));
        assertThat(atlas.series.size(ImportHarness.BASE + "series/mlflow-aaaa0002--loss"))
                .isEmpty();
    }

    @Test
    void aZipOfTheStoreImportsLikeTheFolder() throws IOException {
        Path zip = directory.resolve("deepcnn.zip");
        zip(ImportHarness.fixture("mlflow-deepcnn"), zip);

        ImportReport report = atlas.run(zip);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.runs()).containsExactly(DEEPCNN);
    }

    @Test
    void zipEntriesThatEscapeOrBombAreRefusedWhole() throws IOException {
        Path evil = directory.resolve("evil.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(evil))) {
            out.putNextEntry(new ZipEntry("../outside.csv"));
            out.write("step,loss\n0,1\n".getBytes());
            out.closeEntry();
        }
        Path bomb = directory.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("log.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 20; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }

        ImportReport report = atlas.run(evil, bomb);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .extracting(ImportProblem::toString)
                .anySatisfy(
                        p -> assertThat(p).startsWith("evil.zip: the entry ../outside.csv would be written outside"))
                .anySatisfy(p -> assertThat(p).startsWith("bomb.zip: the archive unpacks to more than 200 times"));
        assertThat(Files.exists(directory.resolve("outside.csv"))).isFalse();
        assertThat(atlas.importContributions()).isZero();
    }

    private Node configValue(String key) {
        List<Node> values = atlas.objects(
                ImportHarness.BASE + "config/mlflow-cb0096518b0e4c66a94428555f05420b--" + key, Atlas.configValue);
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    private String turtle() {
        java.io.StringWriter out = new java.io.StringWriter();
        RDFDataMgr.write(out, atlas.knowledge(), RDFFormat.NTRIPLES);
        return out.toString();
    }

    private static String lines(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            out.append(1700000000000L + i)
                    .append(' ')
                    .append(Math.exp(-i / 30.0))
                    .append(' ')
                    .append(i)
                    .append('\n');
        }
        return out.toString();
    }

    static void experiment(Path store, String id, String name) {
        ImportHarness.write(
                store.resolve(id + "/meta.yaml"),
                "artifact_location: file:///C:/Users/x/mlruns/" + id + "\nexperiment_id: '" + id
                        + "'\nlifecycle_stage: active\nname: " + name + "\n");
    }

    static void run(Path store, String experiment, String id, int status, String lifecycle, Map<String, String> files) {
        Path run = store.resolve(experiment + "/" + id);
        ImportHarness.write(
                run.resolve("meta.yaml"),
                "artifact_uri: file:///C:/Users/x/mlruns/" + experiment + "/" + id
                        + "/artifacts\nend_time: 1700000009000\nentry_point_name: ''\nexperiment_id: '" + experiment
                        + "'\nlifecycle_stage: " + lifecycle + "\nrun_id: " + id + "\nrun_name: ''\nrun_uuid: " + id
                        + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000000000\nstatus: "
                        + status
                        + "\ntags: []\nuser_id: someone\n"
                        + (lifecycle.equals("deleted") ? "deleted_time: 1700000010000\n" : ""));
        files.forEach((path, text) -> ImportHarness.write(run.resolve(path), text));
    }

    static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
                try (OutputStream ignored = OutputStream.nullOutputStream()) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
    }
}
