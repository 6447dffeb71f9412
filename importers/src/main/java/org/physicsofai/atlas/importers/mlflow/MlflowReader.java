package org.physicsofai.atlas.importers.mlflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.physicsofai.atlas.importers.ConfigValues;
import org.physicsofai.atlas.importers.ImportFormat;
import org.physicsofai.atlas.importers.LenientYaml;
import org.physicsofai.atlas.importers.LogFileRef;
import org.physicsofai.atlas.importers.MetricData;
import org.physicsofai.atlas.importers.ReadContext;
import org.physicsofai.atlas.importers.RunData;
import org.physicsofai.atlas.importers.RunResult;
import org.physicsofai.atlas.importers.Slugs;
import org.physicsofai.atlas.importers.Utf8;
import org.physicsofai.atlas.importers.tensorboard.TensorBoardReader;

/**
 * Reads an MLflow file store ({@code mlruns/}): experiments, runs with their params, tags and
 * metrics, and the TensorBoard logs among its artifacts merged into it. Deleted experiments and runs
 * are skipped and counted; runs never closed are imported with status {@code running} and noted. Personal tags ({@code mlflow.user}, source paths) are not read.
 */
public final class MlflowReader {

    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models");
    private static final Set<String> SPLIT_FOLDERS = Set.of("train", "validation", "valid", "val", "eval", "test");
    private static final Set<String> KEPT_SYSTEM_TAGS = Set.of("mlflow.source.git.commit", "mlflow.source.type");

    /** Reads every experiment folder of an {@code mlruns} folder. */
    public void read(Path mlruns, ReadContext context) throws IOException {
        List<Path> experiments;
        try (Stream<Path> children = Files.list(mlruns)) {
            experiments = children.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        for (Path experiment : experiments) {
            String name = experiment.getFileName().toString();
            if (name.equals(".trash")) {
                try (Stream<Path> deleted = Files.list(experiment)) {
                    context.skip("deleted experiments (in .trash)", (int) deleted.count());
                }
                continue;
            }
            if (name.startsWith(".")
                    || name.equals("models")
                    || !Files.isRegularFile(experiment.resolve("meta.yaml"))) {
                continue;
            }
            readExperiment(experiment, context);
        }
    }

    private void readExperiment(Path folder, ReadContext context) throws IOException {
        Path metaFile = folder.resolve("meta.yaml");
        Map<?, ?> meta;
        try {
            meta = yamlMap(metaFile);
        } catch (LenientYaml.YamlProblem e) {
            context.problem(new org.physicsofai.atlas.importers.ImportProblem(
                    context.name(metaFile), e.line(), e.getMessage()));
            return;
        }
        if ("deleted".equals(string(meta.get("lifecycle_stage")))) {
            context.skip("deleted experiments", 1);
            return;
        }
        String id = string(meta.get("experiment_id"));
        String name = string(meta.get("name"));
        if (name == null || name.isBlank()) {
            name = "MLflow experiment " + (id == null ? folder.getFileName() : id);
        }
        String location = String.valueOf(meta.get("artifact_location"));
        RunData.ExperimentRef experiment = new RunData.ExperimentRef(
                Slugs.key("mlflow", name) + "-" + Slugs.digest(id + "\n" + location, 8), name);
        List<Path> runs;
        try (Stream<Path> children = Files.list(folder)) {
            runs = children.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !NOT_RUNS.contains(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p.resolve("meta.yaml")))
                    .sorted()
                    .toList();
        }
        List<RunResult> results = runs.parallelStream()
                .map(run -> readRun(run, experiment, context))
                .toList();
        results.forEach(r -> r.addTo(context));
    }

    private RunResult readRun(Path folder, RunData.ExperimentRef experiment, ReadContext context) {
        RunResult result = new RunResult();
        Path metaFile = folder.resolve("meta.yaml");
        String metaName = context.name(metaFile);
        try {
            byte[] metaBytes = Files.readAllBytes(metaFile);
            Map<?, ?> meta = map(LenientYaml.load(Utf8.decode(metaBytes, metaName)), metaName);
            // The file store names each run's folder after its id. YAML reads an unquoted id of digits as a
            // number (losing leading zeros, or reading it as octal), so the folder name is the reliable copy.
            String folderName = folder.getFileName().toString();
            String runId = folderName.matches("[A-Za-z0-9]+") ? folderName : string(meta.get("run_id"));
            if (runId == null) {
                runId = string(meta.get("run_uuid"));
            }
            if (runId == null || !runId.matches("[A-Za-z0-9]+")) {
                result.problem(metaName, 0, "no run_id (or a malformed one) in the run's meta.yaml");
                return result;
            }
            if ("deleted".equals(string(meta.get("lifecycle_stage")))) {
                result.skip("deleted runs", 1);
                result.note("run " + runId + " is deleted in MLflow and was skipped");
                return result;
            }
            String status = status(meta.get("status"));
            if (status == null) {
                result.problem(metaName, 0, "unknown run status " + meta.get("status"));
                return result;
            }
            if (status.equals("running")) {
                result.note("run " + runId + " was never closed (status RUNNING); imported as running");
            }
            List<LogFileRef> files = new ArrayList<>();
            // The experiment's meta.yaml gave the run its experiment: it is one of the run's files too.
            Path experimentMeta = folder.getParent().resolve("meta.yaml");
            files.add(context.file(experimentMeta, Files.readAllBytes(experimentMeta), ImportFormat.MLFLOW));
            files.add(context.file(metaFile, metaBytes, ImportFormat.MLFLOW));
            Map<String, Object> config = new TreeMap<>();
            readTexts(
                    context,
                    folder.resolve("params"),
                    files,
                    (key, value) -> config.put(key, ConfigValues.typed(value)));
            String[] label = {string(meta.get("run_name"))};
            readTexts(context, folder.resolve("tags"), files, (key, value) -> {
                if (key.equals("mlflow.runName")) {
                    label[0] = value.strip();
                } else if (!key.startsWith("mlflow.") || KEPT_SYSTEM_TAGS.contains(key)) {
                    config.put("tag." + key, value.strip());
                }
            });
            List<MetricData> metrics = new ArrayList<>();
            Path metricsFolder = folder.resolve("metrics");
            if (Files.isDirectory(metricsFolder)) {
                List<Path> metricFiles;
                try (Stream<Path> walk = Files.walk(metricsFolder)) {
                    metricFiles = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : metricFiles) {
                    String key = metricsFolder.relativize(file).toString().replace('\\', '/');
                    byte[] bytes = Files.readAllBytes(file);
                    LogFileRef ref = context.file(file, bytes, ImportFormat.MLFLOW);
                    files.add(ref);
                    var points = MetricLines.parse(bytes, ref.path(), result);
                    if (points != null && !points.isEmpty()) {
                        metrics.add(new MetricData(key, points, ref));
                    }
                }
            }
            tensorBoardArtifacts(folder, runId, metrics, files, config, context, result);
            if (result.hasProblems()) {
                return result;
            }
            result.run(new RunData(
                    "mlflow-" + runId.toLowerCase(Locale.ROOT),
                    label[0] == null || label[0].isBlank() ? runId : label[0],
                    experiment,
                    status,
                    millis(meta.get("start_time")),
                    millis(meta.get("end_time")),
                    config,
                    metrics,
                    files,
                    null));
        } catch (LenientYaml.YamlProblem e) {
            result.problem(metaName, e.line(), e.getMessage());
        } catch (Utf8.Malformed e) {
            result.problem(e.file(), e.line(), e.getMessage());
        } catch (IOException e) {
            result.problem(context.name(folder), 0, "cannot read: " + e.getMessage());
        }
        return result;
    }

    /**
     * Merges the TensorBoard logs a run keeps among its artifacts ({@code artifacts/tensorboard_logs/...},
     * as Keras autologging writes them) into the run: their series join the run's metrics, with the
     * folder's path under {@code artifacts/} as a prefix when there are several folders or a key is taken;
     * a series identical to an MLflow metric (same steps, same values at TensorBoard's float precision) is
     * left out and noted.
     */
    private static void tensorBoardArtifacts(
            Path folder,
            String runId,
            List<MetricData> metrics,
            List<LogFileRef> files,
            Map<String, Object> config,
            ReadContext context,
            RunResult result)
            throws IOException {
        Path artifacts = folder.resolve("artifacts");
        if (!Files.isDirectory(artifacts, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        java.util.Set<Path> runs = new java.util.TreeSet<>();
        List<Path> artifactFiles;
        try (Stream<Path> walk = Files.walk(artifacts)) {
            artifactFiles = walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        result.skip("MLflow artifacts other than TensorBoard logs (models, plots...; not read)", (int)
                artifactFiles.stream()
                        .filter(p -> !TensorBoardReader.isEventFile(p))
                        .filter(p -> !p.getFileName().toString().equals("hparams.yaml"))
                        .count());
        artifactFiles.stream().filter(TensorBoardReader::isEventFile).forEach(p -> {
            Path dir = p.getParent();
            String name = dir.getFileName().toString().toLowerCase(Locale.ROOT);
            runs.add(SPLIT_FOLDERS.contains(name) && !dir.equals(artifacts) ? dir.getParent() : dir);
        });
        int merged = 0;
        List<String> collapsed = new ArrayList<>();
        for (Path tb : runs) {
            String where = artifacts.relativize(tb).toString().replace('\\', '/');
            TensorBoardReader.Scalars scalars =
                    new TensorBoardReader().read(tb, context.folderName(tb), context, result);
            files.addAll(scalars.files());
            scalars.config().forEach((key, value) -> config.putIfAbsent(key, value));
            for (MetricData metric : scalars.metrics()) {
                MetricData same = metrics.stream()
                        .filter(m -> sameAtFloatPrecision(m.points(), metric.points()))
                        .findFirst()
                        .orElse(null);
                if (same != null) {
                    collapsed.add(where + "/" + metric.key() + " = " + same.key());
                    continue;
                }
                String key = metric.key();
                if (runs.size() > 1 || metrics.stream().anyMatch(m -> m.key().equals(metric.key()))) {
                    key = (where.isEmpty() ? "tensorboard" : where) + "/" + key;
                }
                metrics.add(new MetricData(key, metric.points(), metric.file()));
                merged++;
            }
        }
        if (!runs.isEmpty()) {
            result.note("run " + runId + ": " + merged + " TensorBoard series from its artifacts merged into the run"
                    + (collapsed.isEmpty()
                            ? ""
                            : "; " + collapsed.size() + " identical to its MLflow metrics left out ("
                                    + String.join(", ", collapsed) + ")"));
        }
    }

    /** The same steps and the same values once rounded to float32, the precision TensorBoard keeps. */
    private static boolean sameAtFloatPrecision(
            org.physicsofai.atlas.series.SeriesData a, org.physicsofai.atlas.series.SeriesData b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.step(i) != b.step(i)
                    || Float.floatToIntBits((float) a.value(i)) != Float.floatToIntBits((float) b.value(i))) {
                return false;
            }
        }
        return true;
    }

    /** Reads every file of a params or tags folder, recording each as a file of the run. */
    private static void readTexts(
            ReadContext context,
            Path folder,
            List<LogFileRef> files,
            java.util.function.BiConsumer<String, String> sink)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> texts;
        try (Stream<Path> walk = Files.walk(folder)) {
            texts = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : texts) {
            byte[] bytes = Files.readAllBytes(file);
            files.add(context.file(file, bytes, ImportFormat.MLFLOW));
            sink.accept(folder.relativize(file).toString().replace('\\', '/'), Utf8.decode(bytes, context.name(file)));
        }
    }

    /** The RunStatus enum of MLflow's protocol: 1 RUNNING, 2 SCHEDULED, 3 FINISHED, 4 FAILED, 5 KILLED. */
    static String status(Object value) {
        String text = string(value);
        if (text == null) {
            return null;
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "1", "RUNNING" -> "running";
            case "2", "SCHEDULED" -> "scheduled";
            case "3", "FINISHED" -> "finished";
            case "4", "FAILED" -> "failed";
            case "5", "KILLED" -> "killed";
            default -> null;
        };
    }

    private static Instant millis(Object value) {
        String text = string(value);
        if (text == null || !text.matches("\\d{1,15}")) {
            return null;
        }
        return Instant.ofEpochMilli(Long.parseLong(text));
    }

    private static Map<?, ?> yamlMap(Path file) throws IOException, LenientYaml.YamlProblem {
        return map(LenientYaml.load(Utf8.read(file, file.getFileName().toString())), file.toString());
    }

    private static Map<?, ?> map(Object yaml, String name) throws LenientYaml.YamlProblem {
        if (yaml instanceof Map<?, ?> m) {
            return m;
        }
        throw new LenientYaml.YamlProblem("expected a YAML mapping of fields", 1);
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
