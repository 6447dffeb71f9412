package org.physicsofai.atlas.importers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.Test;
import org.physicsofai.atlas.importers.tensorboard.proto.Event;
import org.physicsofai.atlas.importers.tensorboard.proto.HParamValue;
import org.physicsofai.atlas.importers.tensorboard.proto.HParamsPluginData;
import org.physicsofai.atlas.importers.tensorboard.proto.SessionEndInfo;
import org.physicsofai.atlas.importers.tensorboard.proto.SessionStartInfo;
import org.physicsofai.atlas.importers.tensorboard.proto.Summary;
import org.physicsofai.atlas.importers.tensorboard.proto.SummaryMetadata;
import org.physicsofai.atlas.ontology.Atlas;

/**
 * A PyTorch Lightning {@code TensorBoardLogger} version folder as Lightning 2.x writes it: {@code
 * hparams.yaml} from {@code save_hparams_to_yaml} (PyYAML's full dumper, so a loss object is tagged
 * {@code !!python/object:} with its attributes, and a {@code None} is {@code null}), and an event
 * file written like {@code torch.utils.tensorboard.summary.hparams}: three values with the hparams
 * plugin's metadata only ({@code _hparams_/experiment}, {@code session_start_info}, {@code
 * session_end_info}), {@code hp_metric = -1} and the logged scalars. The hparams messages are built
 * with our copy of the plugin's fields, whose {@code HParamValue} has the wire format of {@code
 * google.protobuf.Value}.
 */
class HyperparametersTest extends ImportHarnessTest {

    /** The shape of the KANKAN hparams.yaml (neuralforecast KAN model), shortened. */
    static final String HPARAMS = """
            h: 12
            input_size: 24
            hidden_size: 512
            loss: !!python/object:neuralforecast.losses.pytorch.MAE
              _backward_hooks: !!python/object/apply:collections.OrderedDict
              - []
              _buffers: !!python/object/apply:collections.OrderedDict
              - []
              horizon_weight: null
              is_distribution_output: false
              output_names:
              - ''
              outputsize_multiplier: 1
              training: true
            valid_loss: null
            scaler_type: identity
            optimizer_kwargs: !!python/object/apply:collections.OrderedDict
            - - - betas
                - - 0.9
                  - 0.98
              - - eps
                - 1.0e-08
            """;

    private static Summary.Value.Builder hparams(String tag, HParamsPluginData data) {
        return Summary.Value.newBuilder()
                .setTag(tag)
                .setMetadata(SummaryMetadata.newBuilder()
                        .setPluginData(SummaryMetadata.PluginData.newBuilder()
                                .setPluginName("hparams")
                                .setContent(data.toByteString())));
    }

    private static Event summary(double wallTime, Summary.Value.Builder value) {
        return Event.newBuilder()
                .setWallTime(wallTime)
                .setSummary(Summary.newBuilder().addValue(value))
                .build();
    }

    private Path version(String name) {
        Path version = directory.resolve("lightning_logs/" + name);
        ImportHarness.write(version.resolve("hparams.yaml"), HPARAMS);
        double t = 1_700_000_000.5;
        new EventFiles(t)
                .event(summary(
                        t,
                        hparams(
                                "_hparams_/experiment",
                                HParamsPluginData.newBuilder()
                                        .setExperiment(com.google.protobuf.ByteString.copyFromUtf8("\"\u0000"))
                                        .build())))
                .event(summary(
                        t,
                        hparams(
                                "_hparams_/session_start_info",
                                HParamsPluginData.newBuilder()
                                        .setSessionStartInfo(SessionStartInfo.newBuilder()
                                                .putHparams(
                                                        "hidden_size",
                                                        HParamValue.newBuilder()
                                                                .setNumberValue(512)
                                                                .build())
                                                .putHparams(
                                                        "activation",
                                                        HParamValue.newBuilder()
                                                                .setStringValue("ReLU")
                                                                .build())
                                                .putHparams(
                                                        "early_stop",
                                                        HParamValue.newBuilder()
                                                                .setNullValue(0)
                                                                .build())
                                                .setStartTimeSecs(t))
                                        .build())))
                .event(summary(
                        t,
                        hparams(
                                "_hparams_/session_end_info",
                                HParamsPluginData.newBuilder()
                                        .setSessionEndInfo(SessionEndInfo.newBuilder()
                                                .setStatus(1)
                                                .setEndTimeSecs(t + 60))
                                        .build())))
                .scalar(t, 0, "hp_metric", -1f)
                .scalar(t + 1, 10, "train_loss", 0.9f)
                .scalar(t + 2, 10, "val_loss", 1.1f)
                .scalar(t + 3, 20, "train_loss", 0.5f)
                .scalar(t + 4, 20, "val_loss", 0.8f)
                .scalar(t + 5, 20, "test_loss", 0.85f)
                .write(version.resolve("events.out.tfevents.1700000000.host.4242.0"));
        return version;
    }

    @Test
    void pythonObjectsKeepTheirClassNullsStayAndSessionValuesBecomeSettingsAndMetrics() {
        version("version_0");
        // The preview shows each split's observable before anything is stored.
        ImportPreview preview;
        try {
            preview = atlas.importer.preview(new ImportRequest(
                    List.of(ImportRequest.Source.of(directory.resolve("lightning_logs"))),
                    null,
                    null,
                    ObservableMapping.builtIn(),
                    ImportHarness.AGENT,
                    true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(preview.metrics())
                .extracting(ImportPreview.Metric::key, ImportPreview.Metric::observable)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("val_loss", ImportHarness.OBS + "validation-loss"),
                        org.assertj.core.groups.Tuple.tuple("test_loss", ImportHarness.OBS + "test-loss"));

        ImportReport report = atlas.run(directory.resolve("lightning_logs"));

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        assertThat(report.runs()).hasSize(1);
        String run = report.runs().getFirst();
        String key = run.substring(run.lastIndexOf('/') + 1);
        String config = ImportHarness.BASE + "config/" + key + "--";
        assertThat(atlas.objects(config + "loss", Atlas.configValue))
                .containsExactly(NodeFactory.createLiteralString("neuralforecast.losses.pytorch.MAE"));
        assertThat(atlas.knowledge()
                        .find(null, Atlas.configKey.asNode(), null)
                        .mapWith(t -> t.getObject().getLiteralLexicalForm())
                        .toList())
                .noneMatch(k -> k.startsWith("loss."))
                .contains("optimizer_kwargs.betas", "optimizer_kwargs.eps", "activation", "early_stop");
        // A None is a setting without a value, accepted by the shapes.
        assertThat(atlas.objects(config + "valid_loss", Atlas.configValue)).isEmpty();
        assertThat(atlas.objects(config + "valid_loss", Atlas.valueNotSet))
                .containsExactly(NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean));
        assertThat(atlas.objects(config + "early_stop", Atlas.valueNotSet)).hasSize(1);
        // hparams.yaml first; the session adds what it lacks.
        assertThat(atlas.objects(config + "hidden_size", Atlas.configValue))
                .containsExactly(NodeFactory.createLiteralDT("512", XSDDatatype.XSDinteger));
        assertThat(atlas.objects(config + "activation", Atlas.configValue))
                .containsExactly(NodeFactory.createLiteralString("ReLU"));
        assertThat(atlas.objects(run, Atlas.runStatus)).containsExactly(NodeFactory.createLiteralString("finished"));
        // hp_metric is a metric of the run; validation and test losses stay apart.
        assertThat(report.series()).anyMatch(s -> s.endsWith("--hp_metric"));
        assertThat(report.skipped())
                .containsEntry("TensorBoard hyperparameter domain descriptions (_hparams_/experiment)", 1);
        Map<String, String> observables =
                Map.of("val_loss", "validation-loss", "test_loss", "test-loss", "train_loss", "train-loss");
        observables.forEach((metric, observable) -> assertThat(
                        atlas.objects(ImportHarness.BASE + "series/" + key + "--" + metric, Atlas.observable))
                .as(metric)
                .containsExactly(NodeFactory.createURI(ImportHarness.OBS + observable)));
    }

    @Test
    void aNullInAWandbConfigIsASettingWithoutAValue() {
        // wandb 0.25's config.yaml: every key maps to {value: ...}; a None is written as null.
        Path run = directory.resolve("wandb/run-20250101_000000-nullcfg1");
        ImportHarness.write(run.resolve("files/config.yaml"), "lr:\n  value: 0.1\nscheduler:\n  value: null\n");
        ImportHarness.write(run.resolve("files/wandb-summary.json"), "{\"loss\": 0.5, \"_step\": 3}");

        ImportReport report = atlas.run(run);

        assertThat(report.outcome()).as(report.describe()).isEqualTo(ImportReport.Outcome.IMPORTED);
        String config = ImportHarness.BASE + "config/wandb-nullcfg1--";
        assertThat(atlas.objects(config + "scheduler", Atlas.valueNotSet)).hasSize(1);
        assertThat(atlas.objects(config + "scheduler", Atlas.configValue)).isEmpty();
        assertThat(atlas.objects(config + "lr", Atlas.configValue)).hasSize(1);
    }

    @Test
    void theValidationAndTestSplitsMapToTheirOwnObservables() {
        ObservableMapping mapping = ObservableMapping.builtIn();
        for (String key : List.of("val_loss", "val/loss", "valid_loss", "validation/epoch_loss", "eval_loss")) {
            assertThat(mapping.resolve(key).observable()).as(key).isEqualTo(ImportHarness.OBS + "validation-loss");
        }
        for (String key : List.of("val_acc", "val_accuracy", "validation/epoch_accuracy")) {
            assertThat(mapping.resolve(key).observable()).as(key).isEqualTo(ImportHarness.OBS + "validation-accuracy");
        }
        assertThat(mapping.resolve("test_loss").observable()).isEqualTo(ImportHarness.OBS + "test-loss");
        assertThat(mapping.resolve("test/acc").observable()).isEqualTo(ImportHarness.OBS + "test-accuracy");
        assertThat(mapping.resolve("train_loss").observable()).isEqualTo(ImportHarness.OBS + "train-loss");
    }
}
