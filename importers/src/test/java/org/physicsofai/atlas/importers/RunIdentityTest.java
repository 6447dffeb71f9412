package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * A run is known by what its format says about it, not by the route it came by: the same logs
 * imported as a parent folder, as the run's own folder or as a zip archive are one run, whose second
 * import is a no-op or an update of it.
 */
class RunIdentityTest extends ImportHarnessTest {

    private List<String> runs() {
        return atlas.knowledge()
                .find(Node.ANY, RDF.type.asNode(), Atlas.Run.asNode())
                .mapWith(t -> t.getSubject().getURI())
                .toList();
    }

    private static void assertImported(ImportReport report) {
        assertThat(report.outcome())
                .as(report.describe())
                .isIn(ImportReport.Outcome.IMPORTED, ImportReport.Outcome.UNCHANGED);
        assertThat(report.problems()).as(report.describe()).isEmpty();
    }

    /** A CSVLogger version folder as Lightning writes it (save_hparams_to_yaml, metrics.csv with sparse rows). */
    private Path lightningLogs(Path parent) {
        Path logs = parent.resolve("lightning_logs");
        ImportHarness.write(logs.resolve("version_0/hparams.yaml"), "lr: 0.001\nwidth: 64\n");
        ImportHarness.write(
                logs.resolve("version_0/metrics.csv"),
                "epoch,step,train_loss,val_loss\n0,9,2.5,\n0,9,,2.7\n1,19,0.5,\n1,19,,0.6\n");
        ImportHarness.write(logs.resolve("version_1/hparams.yaml"), "lr: 0.01\nwidth: 64\n");
        ImportHarness.write(
                logs.resolve("version_1/metrics.csv"), "epoch,step,train_loss,val_loss\n0,9,2.4,\n0,9,,2.6\n");
        return logs;
    }

    @Test
    void aLightningVersionFolderIsOneRunByEveryRoute() {
        Path logs = lightningLogs(directory.resolve("a"));

        ImportReport whole = atlas.run(logs);
        assertImported(whole);
        assertThat(whole.runs()).hasSize(2);
        ImportReport version = atlas.run(logs.resolve("version_0"));
        assertImported(version);
        ImportReport zipped = atlas.run(EventFiles.zip(logs, directory.resolve("lightning_logs.zip")));
        assertImported(zipped);
        ImportReport zippedVersion =
                atlas.run(EventFiles.zip(logs.resolve("version_0"), directory.resolve("version_0.zip")));
        assertImported(zippedVersion);
        assertThat(atlas.objects(zippedVersion.runs().getFirst(), org.apache.jena.vocabulary.SKOS.prefLabel))
                .containsExactly(org.apache.jena.graph.NodeFactory.createLiteralLang("version_0", "en"));

        assertThat(version.runs()).hasSize(1);
        assertThat(whole.runs())
                .contains(version.runs().getFirst(), zippedVersion.runs().getFirst());
        assertThat(zipped.runs()).containsExactlyInAnyOrderElementsOf(whole.runs());
        assertThat(runs()).containsExactlyInAnyOrderElementsOf(whole.runs());
        // The same files through the same route again change nothing.
        assertThat(atlas.run(logs).outcome()).isIn(ImportReport.Outcome.UNCHANGED, ImportReport.Outcome.IMPORTED);
        assertThat(atlas.run(EventFiles.zip(logs, directory.resolve("again.zip")))
                        .newPoints())
                .isZero();
        // Each file of a run is one log-file node, whichever route recorded it last.
        assertThat(atlas.knowledge()
                        .find(Node.ANY, RDF.type.asNode(), Atlas.LogFile.asNode())
                        .toList())
                .hasSize(4);
    }

    @Test
    void tensorBoardRunsImportedFromTheirFolderAreNotDoubledByTheirZip() {
        Path runs = directory.resolve("runs");
        for (int i = 0; i < 3; i++) {
            double start = 1_700_000_000.0 + i;
            new EventFiles(start)
                    .scalar(start + 1, 1, "train_loss", 1.0f / (i + 1))
                    .scalar(start + 2, 2, "train_loss", 0.5f / (i + 1))
                    .write(runs.resolve("exp_" + i + "/events.out.tfevents." + (long) start + ".host.1234." + i));
        }

        ImportReport folder = atlas.run(runs);
        assertImported(folder);
        assertThat(folder.runs()).hasSize(3);
        ImportReport zip = atlas.run(EventFiles.zip(runs, directory.resolve("runs.zip")));
        assertImported(zip);
        ImportReport one = atlas.run(runs.resolve("exp_1"));
        assertImported(one);

        assertThat(zip.runs()).containsExactlyInAnyOrderElementsOf(folder.runs());
        assertThat(zip.newPoints()).isZero();
        assertThat(folder.runs()).contains(one.runs().getFirst());
        assertThat(runs()).hasSize(3);
    }

    @Test
    void anMlflowRunAndAWandbRunKeepTheirIdsThroughAZip() {
        Path mlruns = ImportHarness.copy(ImportHarness.fixture("mlflow-deepcnn"), directory.resolve("deepcnn"));
        Path wandb =
                ImportHarness.copy(ImportHarness.fixture("wandb-openai-grok"), directory.resolve("wandb-openai-grok"));

        ImportReport folders = atlas.run(mlruns, wandb);
        assertImported(folders);
        ImportReport zips = atlas.run(
                EventFiles.zip(mlruns, directory.resolve("deepcnn.zip")),
                EventFiles.zip(wandb, directory.resolve("wandb-openai-grok.zip")));
        assertImported(zips);

        assertThat(folders.runs()).hasSize(2).anyMatch(r -> r.endsWith("run/mlflow-cb0096518b0e4c66a94428555f05420b"));
        assertThat(zips.runs()).containsExactlyInAnyOrderElementsOf(folders.runs());
        assertThat(runs()).hasSize(2);
    }

    @Test
    void everyFileOfAnMlflowRunIsInItsProvenance() {
        Path mlruns = ImportHarness.copy(ImportHarness.fixture("mlflow-deepcnn"), directory.resolve("deepcnn"));

        assertImported(atlas.run(mlruns));

        List<String> paths = atlas.knowledge()
                .find(Node.ANY, Atlas.filePath.asNode(), Node.ANY)
                .mapWith(t -> t.getObject().getLiteralLexicalForm())
                .toList();
        List<String> expected;
        try (var walk = java.nio.file.Files.walk(mlruns.resolve("mlruns/0/cb0096518b0e4c66a94428555f05420b"))) {
            expected = walk.filter(java.nio.file.Files::isRegularFile)
                    .map(p -> "deepcnn/" + mlruns.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("/artifacts/"))
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(expected).anyMatch(p -> p.contains("/params/")).anyMatch(p -> p.contains("/tags/"));
        assertThat(paths).contains("deepcnn/mlruns/0/meta.yaml");
        assertThat(paths).containsAll(expected);
    }
}
