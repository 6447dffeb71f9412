package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

/** W&B run folders and chart exports, Lightning CSV logs, generic CSV and JSONL. */
class OtherFormatsImportTest extends ImportHarnessTest {

    private String ntriples() {
        java.io.StringWriter out = new java.io.StringWriter();
        RDFDataMgr.write(out, atlas.knowledge(), RDFFormat.NTRIPLES);
        return out.toString();
    }

    @Test
    void theRealWandbRunImportsConfigAndSummaryButNoPersonalField() {
        ImportReport report = atlas.run(ImportHarness.fixture("wandb-openai-grok/files"));

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.formats()).containsExactly("wandb");
        String run = report.runs().get(0);
        String text = ntriples();
        assertThat(text)
                .contains(
                        "\"d_model\"",
                        "\"max_lr\"",
                        "\"weight_decay_kind\"",
                        "43efed280af24a8837b05fd9c97a3d14f295666f")
                .doesNotContain("redacted@example.org", "/home/user", "\"host\"", "miniconda", "\"user\"");
        String valAccuracy =
                ImportHarness.BASE + "observation/" + run.substring(run.lastIndexOf('/') + 1) + "--val_accuracy--final";
        assertThat(atlas.objects(valAccuracy, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "validation-accuracy"));
        assertThat(atlas.objects(valAccuracy, Atlas.unit))
                .containsExactly(NodeFactory.createURI("http://qudt.org/vocab/unit/PERCENT"));
        assertThat(atlas.objects(valAccuracy, Atlas.value).get(0).getLiteralValue())
                .isEqualTo(47.80021286010742);
        assertThat(report.proposedObservables()).anySatisfy(o -> assertThat(o).endsWith("observable/val_perplexity"));
        assertThat(report.skipped()).containsEntry("configuration values that are local file paths (personal)", 3);
    }

    @Test
    void aNewerWandbRunWithHistoryGivesSeries() {
        Path run = directory.resolve("wandb/run-20250101_120000-abc123xy");
        ImportHarness.write(
                run.resolve("files/config.yaml"), "lr:\n  value: 0.001\nmodel:\n  value:\n    width: 128\n");
        ImportHarness.write(
                run.resolve("files/wandb-summary.json"),
                "{\"val\": {\"loss\": 0.5, \"accuracy\": 0.9}, \"_step\": 2, \"_wandb\": {\"runtime\": 5}}");
        ImportHarness.write(
                run.resolve("wandb-history.jsonl"),
                "{\"_step\": 0, \"_timestamp\": 1700000000.5, \"val\": {\"loss\": 2.0, \"accuracy\": 0.1}}\n"
                        + "{\"_step\": 1, \"_timestamp\": 1700000001.5, \"val\": {\"loss\": NaN}}\n"
                        + "{\"_step\": 2, \"_timestamp\": 1700000002.5, \"val\": {\"loss\": 0.5, \"accuracy\": 0.9}}\n");

        ImportReport report = atlas.run(directory.resolve("wandb"));

        assertThat(report.runs()).containsExactly(ImportHarness.BASE + "run/wandb-abc123xy");
        String loss = ImportHarness.BASE + "series/wandb-abc123xy--val.loss";
        assertThat(report.series()).contains(loss);
        assertThat(atlas.series.points(loss).orElseThrow().size()).isEqualTo(3);
        assertThat(atlas.objects(loss, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "validation-loss"));
        assertThat(atlas.objects(ImportHarness.BASE + "config/wandb-abc123xy--model.width", Atlas.configValue))
                .hasSize(1);
    }

    @Test
    void aWandbChartExportBecomesOneRunPerColumnGroup() {
        Path csv = ImportHarness.write(
                directory.resolve("chart.csv"),
                "Step,run-a - val/acc,run-a - val/acc__MIN,run-a - val/acc__MAX,run-b - val/acc\n"
                        + "0,0.1,0.1,0.1,0.2\n10,0.5,0.4,0.6,\n20,0.9,0.9,0.9,0.95\n");

        ImportReport report = atlas.run(csv);

        assertThat(report.formats()).containsExactly("wandb");
        assertThat(report.runs()).hasSize(2);
        assertThat(report.points()).isEqualTo(5);
        assertThat(report.skipped()).containsEntry("W&B chart __MIN/__MAX envelope columns", 2);
    }

    @Test
    void aLightningLogWithPythonTagsAndSparseRowsImportsWithoutExecutingAnything() {
        Path version = directory.resolve("lightning_logs/version_0");
        ImportHarness.write(
                version.resolve("hparams.yaml"),
                "loss: !!python/object:neuralforecast.losses.pytorch.MAE\n"
                        + "  horizon_weight: null\nmax_lr: 0.001\nopt: !!python/object/apply:collections.OrderedDict\n"
                        + "- - - betas\n    - [0.9, 0.98]\n");
        ImportHarness.write(
                version.resolve("metrics.csv"),
                "epoch,step,train_accuracy,train_loss,val_accuracy,val_loss\n"
                        + "0,9,40.0,2.5,,\n0,9,,,35.5,2.7\n1,19,90.0,0.5,,\n1,19,,,88.0,0.6\n");

        ImportReport report = atlas.run(directory.resolve("lightning_logs"));

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.formats()).containsExactly("lightning");
        assertThat(report.series()).hasSize(4);
        assertThat(report.points()).isEqualTo(8);
        String valAcc = report.series().stream()
                .filter(s -> s.endsWith("--val_accuracy"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.series.points(valAcc).orElseThrow().steps()).containsExactly(9L, 19L);
        assertThat(atlas.objects(valAcc, Atlas.unit))
                .containsExactly(NodeFactory.createURI("http://qudt.org/vocab/unit/PERCENT"));
        assertThat(ntriples()).contains("\"max_lr\"");
    }

    @Test
    void genericCsvAndJsonlFindTheStepAndSplitPrefixes() {
        Path csv = ImportHarness.write(
                directory.resolve("logs/log.csv"),
                "epoch,train_loss,val/acc,phase\n0,1.0,0.2,warmup\n1,0.5,,main\n2,0.25,0.8,main\n");
        Path jsonl = ImportHarness.write(
                directory.resolve("logs/log.jsonl"),
                "{\"iter\": 5, \"train\": {\"loss\": 1.0}, \"test_acc\": 0.5}\n\n{\"iter\": 10, \"train\": {\"loss\": 0.1}}\n");

        ImportReport report = atlas.run(ImportFormat.CSV, "my sweep", Map.of(), csv);
        ImportReport lines = atlas.run(jsonl);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(lines.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(lines.supersedes())
                .as("an import of other runs supersedes no earlier import")
                .isEmpty();
        assertThat(report.experiments())
                .singleElement()
                .satisfies(e -> assertThat(e).contains("named-my-sweep"));
        String acc = report.series().stream()
                .filter(s -> s.contains("val"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.series.points(acc).orElseThrow().steps()).containsExactly(0L, 2L);
        assertThat(atlas.objects(acc, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "validation-accuracy"));
        assertThat(report.skipped()).containsEntry("text columns", 1);
        String trainLoss = lines.series().stream()
                .filter(s -> s.endsWith("--train.loss"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.series.points(trainLoss).orElseThrow().steps()).containsExactly(5L, 10L);
        assertThat(atlas.objects(trainLoss, Atlas.observable))
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + "train-loss"));
    }

    @Test
    void emptyBinaryAndWrongFilesAreReportedAndChangeNothing() {
        Path empty = ImportHarness.write(directory.resolve("empty.csv"), "");
        Path binary = ImportHarness.write(directory.resolve("image.csv"), "\u0089PNG\r\n\u0000\u0000");
        Path yaml = ImportHarness.write(directory.resolve("run/files/config.yaml"), "lr: [1, 2\n");
        ImportHarness.write(directory.resolve("run/files/wandb-summary.json"), "{\"loss\": 1}");
        Path jsonl = ImportHarness.write(directory.resolve("bad.jsonl"), "{\"step\": 1, \"loss\": 1}\n{\"step\": 2,\n");
        Path other = ImportHarness.write(directory.resolve("notes.txt"), "hello");

        ImportReport report = atlas.run(empty, binary, directory.resolve("run"), jsonl, other);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .extracting(ImportProblem::toString)
                .anySatisfy(p -> assertThat(p).isEqualTo("empty.csv: empty file"))
                .anySatisfy(p -> assertThat(p).startsWith("image.csv:1: binary data"))
                .anySatisfy(p -> assertThat(p).startsWith("run/files/config.yaml:2: unreadable YAML"))
                .anySatisfy(p -> assertThat(p).startsWith("bad.jsonl:2: unreadable JSON"))
                .anySatisfy(p -> assertThat(p).startsWith("notes.txt: not a format the Atlas reads"));
        assertThat(atlas.importContributions()).isZero();
    }

    @Test
    void aMappingThatBreaksTheShapesLeavesNeitherStatementsNorPoints() {
        Path csv = ImportHarness.write(directory.resolve("log.csv"), "step,loss\n0,1\n1,0.5\n");

        ImportReport report =
                atlas.run(null, null, Map.of("loss", "https://w3id.org/physics-of-ai/id/phenomenon/grokking"), csv);

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("does not conform"));
        assertThat(atlas.importContributions()).isZero();
        ImportReport retry = atlas.run(csv);
        assertThat(retry.outcome()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(retry.newPoints())
                .as("the failed import left no points behind")
                .isEqualTo(2);
    }
}
