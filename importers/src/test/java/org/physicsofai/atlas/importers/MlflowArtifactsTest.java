package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * The real MLflow run of the deepcnn fixture (Keras, one epoch: {@code loss} 3.2727866172790527 and
 * {@code accuracy} 0.7858095765113831 at step 0) given the TensorBoard logs Keras autologging keeps
 * among a run's artifacts ({@code artifacts/tensorboard_logs/train} and {@code validation}), written
 * to the event-file format as Keras' callback writes them: the training epoch values are the same
 * float32 numbers as the MLflow metrics, the validation ones are new.
 */
class MlflowArtifactsTest extends ImportHarnessTest {

    @Test
    void tensorBoardArtifactsJoinTheirMlflowRunWithIdenticalSeriesCollapsed() {
        Path store = ImportHarness.copy(ImportHarness.fixture("mlflow-deepcnn"), directory.resolve("deepcnn"));
        Path logs = store.resolve("mlruns/0/cb0096518b0e4c66a94428555f05420b/artifacts/tensorboard_logs");
        double t = 1_664_364_000.0;
        new EventFiles(t)
                .scalar(t + 7, 0, "epoch_loss", 3.2727866172790527f)
                .scalar(t + 7, 0, "epoch_accuracy", 0.7858095765113831f)
                .write(logs.resolve("train/events.out.tfevents.1664364000.host.77.0.v2"));
        new EventFiles(t)
                .scalar(t + 8, 0, "epoch_loss", 1.5f)
                .scalar(t + 8, 0, "epoch_accuracy", 0.5f)
                .write(logs.resolve("validation/events.out.tfevents.1664364000.host.77.1.v2"));
        ImportHarness.write(logs.getParent().resolve("model/MLmodel"), "flavors: {}\n");

        ImportReport report = atlas.run(store);

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.runs()).containsExactly(ImportHarness.BASE + "run/mlflow-cb0096518b0e4c66a94428555f05420b");
        String series = ImportHarness.BASE + "series/mlflow-cb0096518b0e4c66a94428555f05420b--";
        assertThat(report.series()).hasSize(4).contains(series + "accuracy", series + "loss");
        String validationLoss = report.series().stream()
                .filter(s -> s.startsWith(series + "validation-epoch_loss-"))
                .findFirst()
                .orElseThrow();
        assertThat(atlas.objects(validationLoss, Atlas.metricKey))
                .containsExactly(org.apache.jena.graph.NodeFactory.createLiteralString("validation/epoch_loss"));
        assertThat(report.notes())
                .anyMatch(n -> n.contains("2 TensorBoard series from its artifacts merged")
                        && n.contains("2 identical to its MLflow metrics left out")
                        && n.contains("train/epoch_loss = loss"));
        assertThat(report.skipped())
                .containsEntry("MLflow artifacts other than TensorBoard logs (models, plots...; not read)", 1);
        assertThat(atlas.objects(validationLoss, Atlas.observable))
                .containsExactly(org.apache.jena.graph.NodeFactory.createURI(ImportHarness.OBS + "validation-loss"));
        assertThat(atlas.knowledge()
                        .find(null, Atlas.filePath.asNode(), null)
                        .mapWith(tr -> tr.getObject().getLiteralLexicalForm())
                        .toList())
                .anyMatch(p -> p.endsWith("tensorboard_logs/validation/events.out.tfevents.1664364000.host.77.1.v2"));
    }
}
