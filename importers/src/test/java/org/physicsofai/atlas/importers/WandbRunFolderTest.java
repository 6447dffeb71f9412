package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.importers.wandb.WandbLogWriter;
import org.physicsofai.atlas.ontology.Atlas;
import org.physicsofai.atlas.series.SeriesData;

/**
 * W&amp;B run folders as wandb 0.10 and later leave them: the history only in {@code run-<id>.wandb},
 * and the links wandb makes. No real {@code .wandb} file can be had with a licence that allows
 * copying it, so each one here is built byte for byte to wandb's published format by {@link
 * WandbLogWriter} (see there how); {@code files/config.yaml} follows the real 0.12 fixture's layout
 * without {@code desc}, as 0.25 writes it.
 */
class WandbRunFolderTest extends ImportHarnessTest {

    private static final int ROWS = 400;

    /** A wandb 0.25 run: header, run, telemetry, environment, ROWS history rows with output and stats, summary, one large row, exit. */
    private static WandbLogWriter runLog(boolean exit) {
        WandbLogWriter log = new WandbLogWriter();
        log.record(WandbLogWriter.header("0.25.0"));
        log.record(WandbLogWriter.run(
                "abc123xy",
                "grokking",
                "glowing-sun-12",
                1_767_268_800L,
                WandbLogWriter.configBody("lr", "0.001", "model", "{\"width\": 128, \"depth\": 2}", "_wandb", "{}")));
        log.record(WandbLogWriter.telemetry("3.12.3", "0.25.0"));
        log.record(WandbLogWriter.environment());
        log.record(WandbLogWriter.recordOf(5, WandbLogWriter.configBody("weight_decay", "1.0")));
        for (int step = 0; step < ROWS; step++) {
            double loss = 2.0 / (1 + step);
            log.record(WandbLogWriter.history(
                    step,
                    "_step",
                    Long.toString(step),
                    "_runtime",
                    Double.toString(step * 0.1),
                    "_timestamp",
                    Double.toString(1_767_268_800.0 + step),
                    "train.loss",
                    Double.toString(loss),
                    "val.loss",
                    step == 7 ? "NaN" : Double.toString(loss * 1.5),
                    "samples",
                    "{\"_type\": \"table-file\", \"path\": \"media/t.json\"}"));
            if (step % 50 == 0) {
                log.record(WandbLogWriter.output("step " + step + " " + "x".repeat(300)));
                log.record(WandbLogWriter.stats("gpu.0.memory", "12.5"));
            }
        }
        log.record(WandbLogWriter.summary("best_val", "0.25"));
        // one history row larger than a block: FIRST, MIDDLE and LAST chunks
        log.record(WandbLogWriter.history(
                ROWS,
                "_step",
                Integer.toString(ROWS),
                "train.loss",
                "0.001",
                "note",
                "\"" + "y".repeat(70_000) + "\""));
        if (exit) {
            log.record(WandbLogWriter.exit(0, 42));
        }
        return log;
    }

    /** The folder wandb 0.25 leaves, with its own links; {@code files/} has no wandb-summary.json here. */
    private Path wandbFolder(byte[] log) throws IOException {
        Path wandb = directory.resolve("project/wandb");
        Path run = wandb.resolve("run-20260101_120000-abc123xy");
        Files.createDirectories(run.resolve("logs"));
        Files.write(run.resolve("run-abc123xy.wandb"), log);
        ImportHarness.write(
                run.resolve("files/config.yaml"), "_wandb:\n  value:\n    cli_version: 0.25.0\nlr:\n  value: 0.001\n");
        ImportHarness.write(run.resolve("files/output.log"), "step 0\n");
        ImportHarness.write(run.resolve("logs/debug.log"), "log\n");
        ImportHarness.write(run.resolve("logs/debug-internal.log"), "log\n");
        Path outside = ImportHarness.write(directory.resolve("cache/wandb/logs/core-debug-20260101_120000.log"), "x");
        Files.createSymbolicLink(run.resolve("logs/debug-core.log"), outside);
        Files.createSymbolicLink(wandb.resolve("latest-run"), Path.of("run-20260101_120000-abc123xy"));
        Files.createSymbolicLink(wandb.resolve("debug.log"), Path.of("run-20260101_120000-abc123xy/logs/debug.log"));
        Files.createSymbolicLink(
                wandb.resolve("debug-internal.log"), Path.of("run-20260101_120000-abc123xy/logs/debug-internal.log"));
        return wandb;
    }

    private String ntriples() {
        java.io.StringWriter out = new java.io.StringWriter();
        RDFDataMgr.write(out, atlas.knowledge(), RDFFormat.NTRIPLES);
        return out.toString();
    }

    @Test
    void aWandb025FolderIsReadFromItsTransactionLogAndItsOwnLinksAreSkipped() throws IOException {
        WandbLogWriter log = runLog(true);
        assertThat(log.recordOffsets.getLast())
                .as("the log spans several blocks")
                .isGreaterThan(3L * 32 * 1024);
        Path wandb = wandbFolder(log.bytes());

        ImportReport report = atlas.run(wandb.getParent());

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        String run = ImportHarness.BASE + "run/wandb-abc123xy";
        assertThat(report.runs()).containsExactly(run);
        String loss = ImportHarness.BASE + "series/wandb-abc123xy--train.loss";
        SeriesData points = atlas.series.points(loss).orElseThrow();
        assertThat(points.size()).isEqualTo(ROWS + 1);
        assertThat(points.step(3)).isEqualTo(3);
        assertThat(points.value(3)).isEqualTo(0.5);
        assertThat(points.wallTime(3)).isEqualTo(1_767_268_803.0);
        assertThat(points.value(ROWS)).isEqualTo(0.001);
        SeriesData val = atlas.series
                .points(ImportHarness.BASE + "series/wandb-abc123xy--val.loss")
                .orElseThrow();
        assertThat(val.size()).isEqualTo(ROWS);
        assertThat(val.value(7)).isNaN();
        assertThat(atlas.objects(run, SKOS.prefLabel).getFirst().getLiteralLexicalForm())
                .isEqualTo("glowing-sun-12");
        assertThat(atlas.objects(ImportHarness.BASE + "config/wandb-abc123xy--model.width", Atlas.configValue))
                .hasSize(1);
        assertThat(atlas.objects(ImportHarness.BASE + "config/wandb-abc123xy--weight_decay", Atlas.configValue))
                .hasSize(1);
        String text = ntriples();
        assertThat(text)
                .contains("NVIDIA A100-SXM4-40GB", "\"0.25.0\"")
                .doesNotContain("someone@example.org", "private-host", "--secret-argument", "\"someone\"");
        // the summary, with no wandb-summary.json: each series' last value, then the log's own update
        String bestVal = ImportHarness.BASE + "observation/wandb-abc123xy--best_val--final";
        assertThat(atlas.objects(bestVal, Atlas.value).getFirst().getLiteralValue())
                .isEqualTo(0.25);
        assertThat(report.skipped())
                .containsEntry("links that wandb makes (skipped, not followed)", 4)
                .containsEntry("W&B system-metrics records (not imported)", ROWS / 50)
                .doesNotContainKey("links (never followed)");
        assertThat(report.notes())
                .anySatisfy(n -> assertThat(n)
                        .startsWith(
                                "project/wandb/run-20260101_120000-abc123xy/logs/debug-core.log: a link wandb makes"))
                .anySatisfy(n -> assertThat(n)
                        .contains("run-abc123xy.wandb: W&B run abc123xy written by wandb 0.25.0, " + (ROWS + 1)
                                + " history rows into 2 series")
                        .contains("exit code 0"))
                .anySatisfy(n -> assertThat(n)
                        .isEqualTo("W&B run glowing-sun-12: series from"
                                + " project/wandb/run-20260101_120000-abc123xy/run-abc123xy.wandb; config from"
                                + " project/wandb/run-20260101_120000-abc123xy/files/config.yaml and"
                                + " project/wandb/run-20260101_120000-abc123xy/run-abc123xy.wandb; summary from"
                                + " project/wandb/run-20260101_120000-abc123xy/run-abc123xy.wandb"));

        ImportReport again = atlas.run(wandb.getParent());
        assertThat(again.newPoints()).as("the same folder again adds nothing").isZero();
    }

    @Test
    void aCorruptRecordIsRefusedNamingFileAndOffsetAndChangesNothing() throws IOException {
        WandbLogWriter log = runLog(true);
        byte[] bytes = log.bytes();
        long second =
                log.recordOffsets.stream().filter(o -> o > 40_000).findFirst().orElseThrow();
        bytes[(int) second + 12] ^= 0x40; // inside the data of a record in the second block
        Path wandb = wandbFolder(bytes);

        ImportReport report = atlas.run(wandb.getParent());

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        assertThat(report.problems())
                .extracting(ImportProblem::toString)
                .anySatisfy(p -> assertThat(p)
                        .startsWith("project/wandb/run-20260101_120000-abc123xy/run-abc123xy.wandb: at byte " + second
                                + ": checksum mismatch"));
        assertThat(atlas.importContributions()).isZero();
    }

    @Test
    void aLogStillBeingWrittenImportsWhatItHoldsAsARunningRun() throws IOException {
        byte[] whole = runLog(false).bytes();
        Path wandb = wandbFolder(Arrays.copyOf(whole, whole.length - 5));

        ImportReport report = atlas.run(wandb.getParent());

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        String run = ImportHarness.BASE + "run/wandb-abc123xy";
        assertThat(atlas.objects(run, Atlas.runStatus).getFirst().getLiteralLexicalForm())
                .isEqualTo("running");
        assertThat(report.notes())
                .anySatisfy(n -> assertThat(n).contains("ends inside the record at byte"))
                .anySatisfy(n -> assertThat(n).contains("no exit record"));
        assertThat(atlas.series
                        .points(ImportHarness.BASE + "series/wandb-abc123xy--train.loss")
                        .orElseThrow()
                        .size())
                .as("the large last row was cut")
                .isEqualTo(ROWS);
    }

    @Test
    void onlyTheFilesFolderImportedSaysThatItHoldsNoHistory() throws IOException {
        Path wandb = wandbFolder(runLog(true).bytes());
        Path files = wandb.resolve("run-20260101_120000-abc123xy/files");
        ImportHarness.write(files.resolve("wandb-summary.json"), "{\"loss\": 0.5, \"_step\": 9}");

        ImportReport report = atlas.run(files);

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.series())
                .as("the transaction log lies outside what was imported")
                .isEmpty();
        assertThat(report.notes())
                .contains("W&B run abc123xy: series from nowhere (no history); config from files/config.yaml;"
                        + " summary from files/wandb-summary.json");
    }

    @Test
    void otherLinksAreStillRefused() throws IOException {
        Path wandb = wandbFolder(runLog(true).bytes());
        Path secret = ImportHarness.write(directory.resolve("elsewhere/secret.txt"), "secret");
        Path link = wandb.resolve("run-20260101_120000-abc123xy/files/notes.txt");
        Files.createSymbolicLink(link, secret);
        // a link named like wandb's but pointing elsewhere is no wandb link either
        Files.delete(wandb.resolve("latest-run"));
        Files.createSymbolicLink(wandb.resolve("latest-run"), secret.getParent());

        ImportReport report = atlas.run(wandb.getParent());

        assertThat(report.outcome()).isEqualTo(ImportReport.Outcome.FAILED);
        List<String> problems = new ArrayList<>();
        report.problems().forEach(p -> problems.add(p.toString()));
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "project/wandb/latest-run: is a symbolic link; links are refused (copy the files instead)",
                        "project/wandb/run-20260101_120000-abc123xy/files/notes.txt: is a symbolic link; links are"
                                + " refused (copy the files instead)");
        assertThat(atlas.importContributions()).isZero();
    }
}
